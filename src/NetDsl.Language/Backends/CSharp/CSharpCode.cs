using System.Globalization;
using NetDsl.Language.Lowering;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>Plan expressions and names as C# text.</summary>
internal static class CSharpCode
{
    /// <summary>An integer expression (<c>planes * 4</c>, <c>(width + 1) / 2</c>), parenthesised only where needed.</summary>
    public static string Int(Expr expr) => Print(expr, 0);

    /// <summary>A double: <c>0.2</c>, <c>1.0</c>, or an expression over parameters.</summary>
    public static string Real(Expr expr) => expr is NumberExpr n ? Double(n.Value) : Print(expr, 0);

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

    /// <summary>1 for <c>+ -</c>, 2 for <c>* /</c>, 3 for atoms (a negative literal counts as a sum).</summary>
    private static int Precedence(Expr expr) => expr switch
    {
        BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } => 1,
        BinaryExpr => 2,
        NumberExpr n when n.Value < 0 => 1,
        _ => 3,
    };

    private static string Print(Expr expr, int context)
    {
        var text = expr switch
        {
            NumberExpr { IsInteger: true } n => ((long)n.Value).ToString(CultureInfo.InvariantCulture),
            NumberExpr n => Double(n.Value),
            ParamExpr p => Name(p.Name),
            BinaryExpr b => Print(b.Left, Precedence(b)) + " " + b.Symbol + " " + Print(b.Right, RightContext(b)),
            _ => expr.ToString(),
        };
        return Precedence(expr) < context ? "(" + text + ")" : text;
    }

    /// <summary>
    /// The right operand keeps its parentheses unless it has a lower precedence's worth of binding to lose: only
    /// <c>a + (b + c)</c> and <c>a * (b * c)</c> may drop them (integer division does not associate with <c>*</c>).
    /// </summary>
    private static int RightContext(BinaryExpr b) =>
        b.Right is BinaryExpr r && r.Op == b.Op && b.Op is BinaryOp.Add or BinaryOp.Multiply ? Precedence(b) : Precedence(b) + 1;
}
