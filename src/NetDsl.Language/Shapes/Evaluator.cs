using System;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Shapes
{
    /// <summary>Evaluates expressions with a frame's parameter values; <c>/</c> on integers truncates.</summary>
    internal sealed class Evaluator
    {
        private readonly DiagnosticBag _diagnostics;

        public Evaluator(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

        public Value? Evaluate(Expr expr, Frame frame)
        {
            try
            {
                return Eval(expr, frame);
            }
            catch (EvaluationException e)
            {
                _diagnostics.Add(DiagnosticDescriptors.EvaluationFailed, expr.Span, expr, e.Message, " in " + frame.Where);
                return null;
            }
        }

        /// <summary>An integer that must be at least <paramref name="min"/>; reported at the expression otherwise.</summary>
        public int? Int(Expr expr, Frame frame, string key, string owner, int min)
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

        /// <summary><c>1.5</c> for a literal, <c>($a / 2) = 1.5</c> otherwise.</summary>
        public static string Show(Expr expr, Value value) => expr is NumberExpr ? value.ToString() : $"{expr} = {value}";

        private static Value Eval(Expr expr, Frame frame)
        {
            switch (expr)
            {
                case NumberExpr n:
                    return new Value(n.Value, n.IsInteger);
                case ParamExpr p:
                    return frame.Env.TryGetValue(p.Name, out var v) ? v : throw new EvaluationException($"'${p.Name}' has no value");
                case BinaryExpr b:
                    var left = Eval(b.Left, frame);
                    var right = Eval(b.Right, frame);
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
}
