using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Analysis;

/// <summary>
/// Builds expressions over a class's parameters, folded as they are built (constants through the one
/// <see cref="Evaluator"/>, and x + 0, x · 1, x / 1), so that plans read <c>planes * 4</c> and <c>1024</c> rather than
/// <c>(planes * 4) * 1</c> and <c>128 + 384 + 256 + 256</c>.
/// </summary>
internal static class Exprs
{
    public static Expr Int(long value) => new NumberExpr(value, true);

    /// <summary>The value of a constant expression; null when it names a parameter.</summary>
    public static Value? Constant(Expr expr) => expr is NumberExpr n ? new Value(n.Value, n.IsInteger) : Evaluator.Constant(expr);

    /// <summary>True when <paramref name="expr"/> is the integer <paramref name="value"/>.</summary>
    public static bool Is(Expr expr, long value) => expr is NumberExpr { IsInteger: true } n && n.Value == value;

    /// <summary>Structural equality, ignoring where the expressions were written.</summary>
    public static bool Same(Expr a, Expr b) => (a, b) switch
    {
        (NumberExpr x, NumberExpr y) => x.Value.Equals(y.Value) && x.IsInteger == y.IsInteger,
        (ParamExpr x, ParamExpr y) => x.Name == y.Name,
        (BinaryExpr x, BinaryExpr y) => x.Op == y.Op && Same(x.Left, y.Left) && Same(x.Right, y.Right),
        _ => false,
    };

    /// <summary><c>left op right</c>, folded.</summary>
    public static Expr Binary(BinaryOp op, Expr left, Expr right)
    {
        if (left is NumberExpr && right is NumberExpr && Evaluator.Constant(new BinaryExpr(op, left, right)) is { } value)
        {
            return new NumberExpr(value.Number, value.IsInt);
        }

        switch (op)
        {
            case BinaryOp.Add when Is(left, 0):
            case BinaryOp.Multiply when Is(left, 1):
                return right;
            case BinaryOp.Add when Is(right, 0):
            case BinaryOp.Subtract when Is(right, 0):
            case BinaryOp.Multiply when Is(right, 1):
            case BinaryOp.Divide when Is(right, 1):
                return left;
            case BinaryOp.Add when right is NumberExpr && left is BinaryExpr { Op: BinaryOp.Add, Right: NumberExpr } inner:
                return Binary(BinaryOp.Add, inner.Left, Binary(BinaryOp.Add, inner.Right, right));
            case BinaryOp.Add when left is NumberExpr && right is not NumberExpr:
                return Binary(BinaryOp.Add, right, left);
            default:
                return new BinaryExpr(op, left, right);
        }
    }

    public static Expr Multiply(Expr left, Expr right) => Binary(BinaryOp.Multiply, left, right);

    /// <summary>The sum of the terms, their constants gathered into one trailing term.</summary>
    public static Expr Sum(IEnumerable<Expr> terms)
    {
        var flat = terms.SelectMany(Terms).ToList();
        var constant = flat.OfType<NumberExpr>().Aggregate(Int(0), (sum, n) => Binary(BinaryOp.Add, sum, n));
        var symbolic = flat.Where(t => t is not NumberExpr).ToList();
        return symbolic.Count == 0
            ? constant
            : Binary(BinaryOp.Add, symbolic.Skip(1).Aggregate(symbolic[0], (sum, t) => new BinaryExpr(BinaryOp.Add, sum, t)), constant);
    }

    /// <summary>The product of the factors.</summary>
    public static Expr Product(IEnumerable<Expr> factors) => factors.Aggregate(Int(1), Multiply);

    /// <summary>The expression with parameters replaced (a block's expressions seen from where it is used), folded.</summary>
    public static Expr Substitute(Expr expr, IReadOnlyDictionary<string, Expr> values) => expr switch
    {
        ParamExpr p when values.TryGetValue(p.Name, out var value) => value,
        BinaryExpr b => Binary(b.Op, Substitute(b.Left, values), Substitute(b.Right, values)),
        _ => expr,
    };

    /// <summary>The parameters an expression names.</summary>
    public static IEnumerable<string> Names(Expr expr) => expr switch
    {
        ParamExpr p => new[] { p.Name },
        BinaryExpr b => Names(b.Left).Concat(Names(b.Right)),
        _ => Enumerable.Empty<string>(),
    };

    private static IEnumerable<Expr> Terms(Expr expr) => expr is BinaryExpr { Op: BinaryOp.Add } b
        ? Terms(b.Left).Concat(Terms(b.Right))
        : new[] { expr };
}
