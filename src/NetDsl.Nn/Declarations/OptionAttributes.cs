using System;

namespace NetDsl.Declarations;

/// <summary>The keys a conv and the conv defaults share (everything but <c>out</c>, <c>k</c> and the names).</summary>
public abstract class ConvOptionsAttribute : Attribute
{
    /// <summary><c>s</c>: the stride, an integer or <c>new[] { h, w }</c>.</summary>
    public object? S { get; set; }

    /// <summary><c>pad</c>: <c>"same"</c>, <c>"valid"</c>, an integer or <c>new[] { h, w }</c>.</summary>
    public object? Pad { get; set; }

    /// <summary><c>dilation</c>: an integer or <c>new[] { h, w }</c>.</summary>
    public object? Dilation { get; set; }

    /// <summary><c>groups</c>: an integer or an expression.</summary>
    public object? Groups { get; set; }

    /// <summary><c>bias</c>: whether the conv has a bias (default: when it has no norm).</summary>
    public bool Bias { get; set; }

    /// <summary><c>norm</c>: <c>"batch"</c> or <c>"none"</c>.</summary>
    public string? Norm { get; set; }

    /// <summary><c>eps</c> of the batch norm.</summary>
    public double Eps { get; set; }

    /// <summary><c>momentum</c> of the batch norm.</summary>
    public double Momentum { get; set; }

    /// <summary><c>act</c>: <c>"relu"</c>, <c>"none"</c>, …</summary>
    public string? Act { get; set; }

    /// <summary><c>order</c>: <c>"post"</c> (conv → norm → act) or <c>"pre"</c> (norm → act → conv).</summary>
    public string? Order { get; set; }

    /// <summary><c>wrap</c>: whether the conv is its own module with <c>conv</c>/<c>bn</c> children.</summary>
    public bool Wrap { get; set; }
}

/// <summary>The keys the pools and their defaults share.</summary>
public abstract class PoolOptionsAttribute : Attribute
{
    /// <summary><c>s</c>: the stride, an integer or <c>new[] { h, w }</c> (default: the kernel).</summary>
    public object? S { get; set; }

    /// <summary><c>pad</c>: an integer or <c>new[] { h, w }</c>.</summary>
    public object? Pad { get; set; }

    /// <summary><c>ceil</c>: ceil mode.</summary>
    public bool Ceil { get; set; }
}

/// <summary>The keys a batch norm and the batch-norm defaults share.</summary>
public abstract class BnOptionsAttribute : Attribute
{
    /// <summary><c>eps</c>.</summary>
    public double Eps { get; set; }

    /// <summary><c>momentum</c>.</summary>
    public double Momentum { get; set; }
}

/// <summary>The keys a residual and the residual defaults share.</summary>
public abstract class ResidualOptionsAttribute : Attribute
{
    /// <summary><c>shortcut</c>: <c>"auto"</c> (the default), <c>"identity"</c>, <c>"projection"</c> or <c>"zeropad"</c>; for a custom shortcut use a <see cref="ShortcutAttribute"/> section instead.</summary>
    public string? Shortcut { get; set; }

    /// <summary><c>shortcut_name</c>: the shortcut module's name (torchvision's <c>downsample</c>).</summary>
    public string? ShortcutName { get; set; }

    /// <summary><c>shortcut_norm</c>: <c>"batch"</c> (the default) or <c>"none"</c> after the projection.</summary>
    public string? ShortcutNorm { get; set; }

    /// <summary><c>scale</c>: the body's output is multiplied by this before the addition.</summary>
    public object? Scale { get; set; }

    /// <summary><c>then</c>: the activation after the addition.</summary>
    public string? Then { get; set; }
}
