using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// A C# arithmetic expression over constructor parameters, folded as it is built so generated code reads
    /// <c>planes * 4</c> and <c>1024</c> rather than <c>(planes * 4)</c> and <c>128 + 384 + 256 + 256</c>.
    /// </summary>
    internal abstract record CodeExpr
    {
        /// <summary>An integer constant.</summary>
        public static CodeExpr Const(long value) => new ConstCode(value);

        /// <summary>A variable (a constructor parameter or <c>inChannels</c>).</summary>
        public static CodeExpr Var(string name) => new VarCode(name);

        /// <summary>Converts a spec expression.</summary>
        public static CodeExpr From(Expr expr) => expr switch
        {
            NumberExpr { IsInteger: true } n => new ConstCode((long)n.Value),
            NumberExpr n => new RealCode(n.Value),
            ParamExpr p => new VarCode(p.Name),
            BinaryExpr b => Binary(b.Op, From(b.Left), From(b.Right)),
            _ => throw new EmitException("Unknown expression " + expr),
        };

        /// <summary>Builds <c>left op right</c>, folding constants and the identities x + 0, x * 1, x / 1.</summary>
        public static CodeExpr Binary(BinaryOp op, CodeExpr left, CodeExpr right)
        {
            if (left is ConstCode a && right is ConstCode b)
            {
                switch (op)
                {
                    case BinaryOp.Add: return Const(unchecked(a.Value + b.Value));
                    case BinaryOp.Subtract: return Const(unchecked(a.Value - b.Value));
                    case BinaryOp.Multiply: return Const(unchecked(a.Value * b.Value));
                    case BinaryOp.Divide when b.Value != 0: return Const(a.Value / b.Value);
                }
            }

            switch (op)
            {
                case BinaryOp.Add when left.IsConst(0): return right;
                case BinaryOp.Add when right.IsConst(0):
                case BinaryOp.Subtract when right.IsConst(0):
                case BinaryOp.Multiply when right.IsConst(1):
                case BinaryOp.Divide when right.IsConst(1):
                    return left;
                case BinaryOp.Multiply when left.IsConst(1): return right;
                case BinaryOp.Add when right is ConstCode c && left is BinaryCode { Op: BinaryOp.Add, Right: ConstCode d } l:
                    return Binary(BinaryOp.Add, l.Left, Const(unchecked(c.Value + d.Value)));
                case BinaryOp.Add when left is ConstCode && right is not ConstCode:
                    return Binary(BinaryOp.Add, right, left);
                default: return new BinaryCode(op, left, right);
            }
        }

        /// <summary>The sum of the given expressions, constants gathered into one trailing term.</summary>
        public static CodeExpr Sum(IEnumerable<CodeExpr> terms)
        {
            var constant = 0L;
            CodeExpr? symbolic = null;
            foreach (var term in terms.SelectMany(Terms))
            {
                if (term is ConstCode c)
                {
                    constant = unchecked(constant + c.Value);
                }
                else
                {
                    symbolic = symbolic is null ? term : new BinaryCode(BinaryOp.Add, symbolic, term);
                }
            }

            return symbolic is null ? Const(constant) : Binary(BinaryOp.Add, symbolic, Const(constant));
        }

        /// <summary>The product of the given expressions.</summary>
        public static CodeExpr Product(IEnumerable<CodeExpr> factors) =>
            factors.Aggregate(Const(1), (acc, f) => Binary(BinaryOp.Multiply, acc, f));

        /// <summary>True when this is the integer constant <paramref name="value"/>.</summary>
        public bool IsConst(long value) => this is ConstCode c && c.Value == value;

        /// <summary>Replaces variables by the given expressions (block arguments, <c>inChannels</c>).</summary>
        public abstract CodeExpr Substitute(IReadOnlyDictionary<string, CodeExpr> values);

        /// <summary>The value with every variable bound, or null when one is unbound or it divides by zero.</summary>
        public abstract double? Evaluate(IReadOnlyDictionary<string, double> values);

        /// <summary>Operator precedence: 3 for atoms, 2 for <c>* /</c>, 1 for <c>+ -</c>.</summary>
        public abstract int Precedence { get; }

        /// <summary>The C# text.</summary>
        public abstract string Code { get; }

        /// <inheritdoc />
        public override string ToString() => Code;

        private static IEnumerable<CodeExpr> Terms(CodeExpr e) => e is BinaryCode { Op: BinaryOp.Add } b
            ? Terms(b.Left).Concat(Terms(b.Right))
            : new[] { e };

        private sealed record ConstCode(long Value) : CodeExpr
        {
            public override int Precedence => Value < 0 ? 1 : 3;

            public override string Code => Value.ToString(CultureInfo.InvariantCulture);

            public override CodeExpr Substitute(IReadOnlyDictionary<string, CodeExpr> values) => this;

            public override double? Evaluate(IReadOnlyDictionary<string, double> values) => Value;
        }

        private sealed record RealCode(double Value) : CodeExpr
        {
            public override int Precedence => Value < 0 ? 1 : 3;

            public override string Code
            {
                get
                {
                    var text = Value.ToString("R", CultureInfo.InvariantCulture);
                    return text.IndexOfAny(new[] { '.', 'E', 'N', 'I' }) >= 0 ? text : text + ".0";
                }
            }

            public override CodeExpr Substitute(IReadOnlyDictionary<string, CodeExpr> values) => this;

            public override double? Evaluate(IReadOnlyDictionary<string, double> values) => Value;
        }

        private sealed record VarCode(string Name) : CodeExpr
        {
            public override int Precedence => 3;

            public override string Code => Identifier.Escape(Name);

            public override CodeExpr Substitute(IReadOnlyDictionary<string, CodeExpr> values) =>
                values.TryGetValue(Name, out var value) ? value : this;

            public override double? Evaluate(IReadOnlyDictionary<string, double> values) =>
                values.TryGetValue(Name, out var value) ? value : null;
        }

        private sealed record BinaryCode(BinaryOp Op, CodeExpr Left, CodeExpr Right) : CodeExpr
        {
            public override int Precedence => Op is BinaryOp.Add or BinaryOp.Subtract ? 1 : 2;

            public override string Code
            {
                get
                {
                    var left = Left.Precedence < Precedence ? "(" + Left.Code + ")" : Left.Code;
                    var rightNeedsParens = Right.Precedence < Precedence
                        || (Right.Precedence == Precedence && Op is BinaryOp.Subtract or BinaryOp.Divide);
                    var right = rightNeedsParens ? "(" + Right.Code + ")" : Right.Code;
                    var symbol = Op switch
                    {
                        BinaryOp.Add => "+",
                        BinaryOp.Subtract => "-",
                        BinaryOp.Multiply => "*",
                        _ => "/",
                    };
                    return left + " " + symbol + " " + right;
                }
            }

            public override CodeExpr Substitute(IReadOnlyDictionary<string, CodeExpr> values) =>
                Binary(Op, Left.Substitute(values), Right.Substitute(values));

            public override double? Evaluate(IReadOnlyDictionary<string, double> values)
            {
                var left = Left.Evaluate(values);
                var right = Right.Evaluate(values);
                if (left is not { } l || right is not { } r)
                {
                    return null;
                }

                return Op switch
                {
                    BinaryOp.Add => l + r,
                    BinaryOp.Subtract => l - r,
                    BinaryOp.Multiply => l * r,
                    _ when r == 0 => null,
                    _ => Math.Truncate(l / r),
                };
            }
        }
    }
}
