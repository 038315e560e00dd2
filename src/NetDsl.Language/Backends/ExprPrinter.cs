using System;
using System.Globalization;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends;

/// <summary>
/// Plan expressions as source text, parenthesised only where needed. C# and Python agree on the precedence and
/// associativity of <c>+ - * /</c>; a back end says how it writes names, non-integer literals and the spec's integer
/// division (<c>/</c> in C#, <c>//</c> in Python: the operands are non-negative, so both truncate).
/// </summary>
internal sealed class ExprPrinter
{
    private readonly Func<string, string> _name;
    private readonly Func<double, string> _real;
    private readonly string _divide;

    /// <param name="name">How a parameter's name is written.</param>
    /// <param name="real">How a non-integer literal is written.</param>
    /// <param name="divide">The integer-division operator.</param>
    public ExprPrinter(Func<string, string> name, Func<double, string> real, string divide)
    {
        _name = name;
        _real = real;
        _divide = divide;
    }

    /// <summary>The expression as text (<c>planes * 4</c>, <c>(width + 1) / 2</c>).</summary>
    public string Print(Expr expr) => Print(expr, 0);

    /// <summary>1 for <c>+ -</c>, 2 for <c>* /</c>, 3 for atoms (a negative literal counts as a sum).</summary>
    private static int Precedence(Expr expr) => expr switch
    {
        BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } => 1,
        BinaryExpr => 2,
        NumberExpr n when n.Value < 0 => 1,
        _ => 3,
    };

    /// <summary>
    /// The right operand keeps its parentheses unless it has a lower precedence's worth of binding to lose: only
    /// <c>a + (b + c)</c> and <c>a * (b * c)</c> may drop them (integer division does not associate with <c>*</c>).
    /// </summary>
    private static int RightContext(BinaryExpr b) =>
        b.Right is BinaryExpr r && r.Op == b.Op && b.Op is BinaryOp.Add or BinaryOp.Multiply ? Precedence(b) : Precedence(b) + 1;

    private string Print(Expr expr, int context)
    {
        var text = expr switch
        {
            NumberExpr { IsInteger: true } n => ((long)n.Value).ToString(CultureInfo.InvariantCulture),
            NumberExpr n => _real(n.Value),
            ParamExpr p => _name(p.Name),
            BinaryExpr b => Print(b.Left, Precedence(b)) + " " + (b.Op == BinaryOp.Divide ? _divide : b.Symbol) + " " + Print(b.Right, RightContext(b)),
            _ => expr.ToString(),
        };
        return Precedence(expr) < context ? "(" + text + ")" : text;
    }
}
