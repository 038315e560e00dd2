using System.Collections.Generic;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Lowering;

/// <summary>Names become C# fields, classes and parameters, so they must be identifiers and not keywords.</summary>
internal static class Identifiers
{
    internal static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    public static bool IsKeyword(string name) => Keywords.Contains(name);

    public static bool Check(string name, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (IsKeyword(name))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidIdentifier, span, name, " (it is a C# keyword)");
            return false;
        }

        if (!IsIdentifier(name))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidIdentifier, span, name, " (use letters, digits and '_', not starting with a digit)");
            return false;
        }

        return true;
    }

    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>ReductionA</c> → <c>reductionA</c>.</summary>
    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
