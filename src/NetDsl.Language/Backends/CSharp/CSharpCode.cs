using System.Globalization;
using NetDsl.Language.Lowering;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>Plan expressions and names as C# text.</summary>
internal static class CSharpCode
{
    private static readonly ExprPrinter Printer = new(Name, Double, "/");

    /// <summary>An integer expression (<c>planes * 4</c>, <c>(width + 1) / 2</c>), parenthesised only where needed.</summary>
    public static string Int(Expr expr) => Printer.Print(expr);

    /// <summary>A double: <c>0.2</c>, <c>1.0</c>, or an expression over parameters.</summary>
    public static string Real(Expr expr) => expr is NumberExpr n ? Double(n.Value) : Printer.Print(expr);

    /// <summary>A double literal that round-trips: <c>0.001</c>, <c>1.0</c>.</summary>
    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E' }) >= 0 ? text : text + ".0";
    }

    /// <summary><c>@out</c> for a keyword, the name itself otherwise.</summary>
    public static string Name(string name) => Identifiers.IsKeyword(name) ? "@" + name : name;

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
