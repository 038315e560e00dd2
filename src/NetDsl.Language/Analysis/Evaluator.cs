using System;
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
        try
        {
            return Calculate(expr, frame.Env);
        }
        catch (EvaluationException e)
        {
            _diagnostics.Add(DiagnosticDescriptors.EvaluationFailed, expr.Span, expr, e.Message, " in " + frame.Where);
            return null;
        }
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
    public static Value? Constant(Expr expr)
    {
        try
        {
            return Calculate(expr, null);
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    /// <summary>The value with the given parameters, or null when it cannot be computed (nothing is reported).</summary>
    public static Value? TryValue(Expr expr, IReadOnlyDictionary<string, Value> env)
    {
        try
        {
            return Calculate(expr, env);
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    /// <summary><c>1.5</c> for a literal, <c>($a / 2) = 1.5</c> otherwise.</summary>
    public static string Show(Expr expr, Value value) => expr is NumberExpr ? value.ToString() : $"{expr} = {value}";

    private static Value Calculate(Expr expr, IReadOnlyDictionary<string, Value>? env)
    {
        switch (expr)
        {
            case NumberExpr n:
                return new Value(n.Value, n.IsInteger);
            case ParamExpr p:
                return env is not null && env.TryGetValue(p.Name, out var v) ? v : throw new EvaluationException($"'${p.Name}' has no value");
            case BinaryExpr b:
                var left = Calculate(b.Left, env);
                var right = Calculate(b.Right, env);
                return left.IsInt && right.IsInt ? Integer(b.Op, (long)left.Number, (long)right.Number) : Floating(b.Op, left.Number, right.Number);
            default:
                throw new EvaluationException("unknown expression");
        }
    }

    private static Value Integer(BinaryOp op, long a, long b)
    {
        if (op == BinaryOp.Divide && b == 0)
        {
            throw new EvaluationException("division by zero");
        }

        var result = op switch
        {
            BinaryOp.Add => a + b,
            BinaryOp.Subtract => a - b,
            BinaryOp.Multiply => a * b,
            _ => a / b,
        };
        return result is > int.MaxValue or < int.MinValue ? throw new EvaluationException($"{result} does not fit in an int") : Value.Int(result);
    }

    private static Value Floating(BinaryOp op, double a, double b)
    {
        if (op == BinaryOp.Divide && b == 0)
        {
            throw new EvaluationException("division by zero");
        }

        return new Value(op switch { BinaryOp.Add => a + b, BinaryOp.Subtract => a - b, BinaryOp.Multiply => a * b, _ => a / b }, false);
    }

    private sealed class EvaluationException : Exception
    {
        public EvaluationException(string message)
            : base(message)
        {
        }
    }
}
