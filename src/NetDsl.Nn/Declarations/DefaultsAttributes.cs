using System;

namespace NetDsl.Declarations;

/// <summary><c>defaults: { conv: { … } }</c>: what every conv of the declaration has unless it says otherwise.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConvDefaultsAttribute : ConvOptionsAttribute
{
    /// <summary><c>out</c>: output channels (an integer or an expression).</summary>
    public object? Out { get; set; }

    /// <summary><c>k</c>: the kernel, an integer or <c>new[] { h, w }</c>.</summary>
    public object? K { get; set; }
}

/// <summary><c>defaults: { bn: { … } }</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BnDefaultsAttribute : BnOptionsAttribute
{
}

/// <summary><c>defaults: { maxpool: { … } }</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MaxPoolDefaultsAttribute : PoolOptionsAttribute
{
    /// <summary><c>k</c>: an integer or <c>new[] { h, w }</c>.</summary>
    public object? K { get; set; }
}

/// <summary><c>defaults: { avgpool: { … } }</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AvgPoolDefaultsAttribute : PoolOptionsAttribute
{
    /// <summary><c>k</c>: an integer or <c>new[] { h, w }</c>.</summary>
    public object? K { get; set; }


    /// <summary><c>count_include_pad</c>.</summary>
    public bool CountIncludePad { get; set; }
}

/// <summary><c>defaults: { linear: { … } }</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LinearDefaultsAttribute : Attribute
{
    /// <summary><c>out</c>: output features.</summary>
    public object? Out { get; set; }

    /// <summary><c>bias</c>.</summary>
    public bool Bias { get; set; }
}

/// <summary><c>defaults: { residual: { … } }</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ResidualDefaultsAttribute : ResidualOptionsAttribute
{
}
