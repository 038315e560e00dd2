using NetDsl.Language.Lowering;

namespace NetDsl.Language.Emit
{
    /// <summary>Turns spec names into C# identifiers.</summary>
    internal static class Identifier
    {
        /// <summary><c>@out</c> for a keyword, the name itself otherwise.</summary>
        public static string Escape(string name) => Identifiers.IsKeyword(name) ? "@" + name : name;

        /// <summary>A C# string literal.</summary>
        public static string Literal(string text) =>
            "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

        /// <summary>Escapes text for an XML doc comment.</summary>
        public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
