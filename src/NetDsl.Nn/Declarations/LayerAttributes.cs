using System;

namespace NetDsl.Declarations;

/// <summary>
/// <c>conv: { out, k, … }</c>: a convolution, with batch norm and activation when <see cref="ConvOptionsAttribute.Norm"/> and
/// <see cref="ConvOptionsAttribute.Act"/> (or the declaration's <see cref="ConvDefaultsAttribute"/>) say so.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConvAttribute : ConvOptionsAttribute
{
    /// <summary>A conv with <paramref name="out"/> output channels and kernel <paramref name="k"/> (an integer, <c>new[] { h, w }</c> or an expression).</summary>
    public ConvAttribute(object @out, object k)
    {
        Out = @out;
        K = k;
    }

    /// <summary><c>out</c>: output channels.</summary>
    public object Out { get; }

    /// <summary><c>k</c>: the kernel.</summary>
    public object K { get; }

    /// <summary><c>name</c>: the module's name (its state-dict prefix).</summary>
    public string? Name { get; set; }

    /// <summary><c>norm_name</c>: the batch norm's name.</summary>
    public string? NormName { get; set; }
}

/// <summary><c>bn</c>: a batch norm.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BnAttribute : BnOptionsAttribute
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>maxpool: { k, … }</c>; the stride defaults to the kernel.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPoolAttribute : PoolOptionsAttribute
{
    /// <summary>A max pool with kernel <paramref name="k"/>.</summary>
    public MaxPoolAttribute(object k) => K = k;

    /// <summary><c>k</c>.</summary>
    public object K { get; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>avgpool: { k, … }</c>; the stride defaults to the kernel.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPoolAttribute : PoolOptionsAttribute
{
    /// <summary>An average pool with kernel <paramref name="k"/>.</summary>
    public AvgPoolAttribute(object k) => K = k;

    /// <summary><c>k</c>.</summary>
    public object K { get; }

    /// <summary><c>count_include_pad</c>.</summary>
    public bool CountIncludePad { get; set; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>globalavgpool</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : Attribute
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>globalmaxpool</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPoolAttribute : Attribute
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>adaptiveavgpool: { out }</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdaptiveAvgPoolAttribute : Attribute
{
    /// <summary>An adaptive average pool to <paramref name="out"/> (an integer or <c>new[] { h, w }</c>).</summary>
    public AdaptiveAvgPoolAttribute(object @out) => Out = @out;

    /// <summary><c>out</c>.</summary>
    public object Out { get; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>adaptivemaxpool: { out }</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdaptiveMaxPoolAttribute : Attribute
{
    /// <summary>An adaptive max pool to <paramref name="out"/> (an integer or <c>new[] { h, w }</c>).</summary>
    public AdaptiveMaxPoolAttribute(object @out) => Out = @out;

    /// <summary><c>out</c>.</summary>
    public object Out { get; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>dropout: p</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>A dropout with probability <paramref name="p"/> (a number or an expression).</summary>
    public DropoutAttribute(object p) => P = p;

    /// <summary><c>p</c>.</summary>
    public object P { get; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>flatten</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary><c>linear: { out }</c>; the input features are inferred.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LinearAttribute : Attribute
{
    /// <summary>A linear layer with <paramref name="out"/> output features.</summary>
    public LinearAttribute(object @out) => Out = @out;

    /// <summary><c>out</c>.</summary>
    public object Out { get; }

    /// <summary><c>bias</c>.</summary>
    public bool Bias { get; set; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}

/// <summary>An activation layer: <c>[Act("relu")]</c> is the layer <c>relu</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActAttribute : Attribute
{
    /// <summary>The activation <paramref name="kind"/>: <c>relu</c>, <c>relu6</c>, <c>leakyrelu</c>, <c>sigmoid</c>, <c>tanh</c>, <c>gelu</c> or <c>silu</c>.</summary>
    public ActAttribute(string kind) => Kind = kind;

    /// <summary>The activation.</summary>
    public string Kind { get; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }
}
