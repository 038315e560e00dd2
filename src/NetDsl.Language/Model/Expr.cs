using System;
using System.Globalization;

namespace NetDsl.Language.Model;

/// <summary>
/// A number written in a spec: a literal, a <c>$parameter</c>, or integer arithmetic over them
/// (<c>$planes * 4</c>). Kept symbolic so that generated constructors can take the parameters.
/// </summary>
public abstract record Expr
{
    /// <summary>Where the expression was written.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>A literal integer.</summary>
    public static Expr Int(int value, SourceSpan span = default) => new NumberExpr(value, true) { Span = span };
}

/// <summary>A literal. <see cref="IsInteger"/> is false for literals written with a fraction or exponent.</summary>
public sealed record NumberExpr(double Value, bool IsInteger) : Expr
{
    /// <inheritdoc />
    public override string ToString() => IsInteger
        ? ((long)Value).ToString(CultureInfo.InvariantCulture)
        : Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A reference to a block or network parameter, written <c>$name</c>.</summary>
public sealed record ParamExpr(string Name) : Expr
{
    /// <inheritdoc />
    public override string ToString() => "$" + Name;
}

/// <summary>The four integer operators. Division truncates, as C# does for non-negative operands.</summary>
public enum BinaryOp
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>*</c></summary>
    Multiply,

    /// <summary><c>/</c> (integer division)</summary>
    Divide,
}

/// <summary><c>left op right</c>.</summary>
public sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right) : Expr
{
    /// <summary>The operator as written.</summary>
    public string Symbol => Op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        _ => throw new ArgumentOutOfRangeException(nameof(Op)),
    };

    /// <inheritdoc />
    public override string ToString() => $"({Left} {Symbol} {Right})";
}
