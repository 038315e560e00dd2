using System.Collections.Generic;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Analysis;

/// <summary>
/// The one evaluator of spec expressions: with a frame's parameter values, or without any (constant folding).
/// <c>/</c> on integers truncates, as C# does for non-negative operands; integer results must fit an int.
/// </summary>
internal sealed class Evaluator
{
    private readonly DiagnosticBag _diagnostics;

    public Evaluator(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    /// <summary>The value, or null after reporting why it has none (at the expression).</summary>
    public Value? Evaluate(Expr expr, Frame frame)
    {
        if (Calculate(expr, frame.Env, out var error) is { } value)
        {
            return value;
        }

        _diagnostics.Add(DiagnosticDescriptors.EvaluationFailed, expr.Span, expr, error!, " in " + frame.Where);
        return null;
    }

    /// <summary>An integer that must be at least <paramref name="min"/>; reported at the expression otherwise.</summary>
    public int? Int(Expr expr, Frame frame, string key, object owner, int min)
    {
        if (Evaluate(expr, frame) is not { } value)
        {
            return null;
        }

        if (!value.IsInt)
        {
            _diagnostics.Add(DiagnosticDescriptors.FloatWhereIntNeeded, expr.Span, key, Show(expr, value));
            return null;
        }

        if (value.Number < min)
        {
            _diagnostics.Add(DiagnosticDescriptors.BadValue, expr.Span, key, owner, value, $"it must be at least {min}");
            return null;
        }

        return (int)value.Number;
    }

    /// <summary>The value of an expression without parameters; null when it names one or cannot be computed.</summary>
    public static Value? Constant(Expr expr) => Calculate(expr, null, out _);

    /// <summary>The value with the given parameters, or null when it cannot be computed (nothing is reported).</summary>
    public static Value? TryValue(Expr expr, IReadOnlyDictionary<string, Value> env) => Calculate(expr, env, out _);

    /// <summary><c>1.5</c> for a literal, <c>($a / 2) = 1.5</c> otherwise.</summary>
    public static string Show(Expr expr, Value value) => expr is NumberExpr ? value.ToString() : $"{expr} = {value}";

    // Failures are results, not exceptions: the planner folds every expression it builds, and most name a
    // parameter, so "no value" is the common case there.
    private static Value? Calculate(Expr expr, IReadOnlyDictionary<string, Value>? env, out string? error)
    {
        error = null;
        switch (expr)
        {
            case NumberExpr n:
                return new Value(n.Value, n.IsInteger);
            case ParamExpr p:
                if (env is not null && env.TryGetValue(p.Name, out var v))
                {
                    return v;
                }

                error = $"'${p.Name}' has no value";
                return null;
            case BinaryExpr b:
                if (Calculate(b.Left, env, out error) is not { } left || Calculate(b.Right, env, out error) is not { } right)
                {
                    return null;
                }

                return left.IsInt && right.IsInt ? Integer(b.Op, (long)left.Number, (long)right.Number, out error) : Floating(b.Op, left.Number, right.Number, out error);
            default:
                error = "unknown expression";
                return null;
        }
    }

    private static Value? Integer(BinaryOp op, long a, long b, out string? error)
    {
        error = null;
        if (op == BinaryOp.Divide && b == 0)
        {
            error = "division by zero";
            return null;
        }

        var result = op switch
        {
            BinaryOp.Add => a + b,
            BinaryOp.Subtract => a - b,
            BinaryOp.Multiply => a * b,
            _ => a / b,
        };
        if (result is > int.MaxValue or < int.MinValue)
        {
            error = $"{result} does not fit in an int";
            return null;
        }

        return Value.Int(result);
    }

    private static Value? Floating(BinaryOp op, double a, double b, out string? error)
    {
        error = null;
        if (op == BinaryOp.Divide && b == 0)
        {
            error = "division by zero";
            return null;
        }

        return new Value(op switch { BinaryOp.Add => a + b, BinaryOp.Subtract => a - b, BinaryOp.Multiply => a * b, _ => a / b }, false);
    }
}
