using System;

namespace NetDsl.Declarations
{
    /// <summary><c>defaults: { conv: { … } }</c>: what every conv of the declaration has unless it says otherwise.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ConvDefaultsAttribute : Attribute
    {
        /// <summary><c>out</c>: output channels (an integer or an expression).</summary>
        public object? Out { get; set; }

        /// <summary><c>k</c>: the kernel, an integer or <c>new[] { h, w }</c>.</summary>
        public object? K { get; set; }

        /// <summary><c>s</c>: the stride, an integer or <c>new[] { h, w }</c>.</summary>
        public object? S { get; set; }

        /// <summary><c>pad</c>: <c>"same"</c>, <c>"valid"</c>, an integer or <c>new[] { h, w }</c>.</summary>
        public object? Pad { get; set; }

        /// <summary><c>dilation</c>: an integer or <c>new[] { h, w }</c>.</summary>
        public object? Dilation { get; set; }

        /// <summary><c>groups</c>: an integer or an expression.</summary>
        public object? Groups { get; set; }

        /// <summary><c>bias</c>: whether the conv has a bias.</summary>
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

    /// <summary><c>defaults: { bn: { … } }</c>.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class BnDefaultsAttribute : Attribute
    {
        /// <summary><c>eps</c>.</summary>
        public double Eps { get; set; }

        /// <summary><c>momentum</c>.</summary>
        public double Momentum { get; set; }
    }

    /// <summary><c>defaults: { maxpool: { … } }</c>.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class MaxPoolDefaultsAttribute : Attribute
    {
        /// <summary><c>k</c>: an integer or <c>new[] { h, w }</c>.</summary>
        public object? K { get; set; }

        /// <summary><c>s</c>: an integer or <c>new[] { h, w }</c>.</summary>
        public object? S { get; set; }

        /// <summary><c>pad</c>: an integer or <c>new[] { h, w }</c>.</summary>
        public object? Pad { get; set; }

        /// <summary><c>ceil</c>: ceil mode.</summary>
        public bool Ceil { get; set; }
    }

    /// <summary><c>defaults: { avgpool: { … } }</c>.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class AvgPoolDefaultsAttribute : Attribute
    {
        /// <summary><c>k</c>: an integer or <c>new[] { h, w }</c>.</summary>
        public object? K { get; set; }

        /// <summary><c>s</c>: an integer or <c>new[] { h, w }</c>.</summary>
        public object? S { get; set; }

        /// <summary><c>pad</c>: an integer or <c>new[] { h, w }</c>.</summary>
        public object? Pad { get; set; }

        /// <summary><c>ceil</c>: ceil mode.</summary>
        public bool Ceil { get; set; }

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
    public sealed class ResidualDefaultsAttribute : Attribute
    {
        /// <summary><c>shortcut</c>: <c>"auto"</c>, <c>"identity"</c>, <c>"projection"</c> or <c>"zeropad"</c>.</summary>
        public string? Shortcut { get; set; }

        /// <summary><c>shortcut_name</c>: the shortcut module's name.</summary>
        public string? ShortcutName { get; set; }

        /// <summary><c>shortcut_norm</c>: <c>"batch"</c> or <c>"none"</c> after a projection.</summary>
        public string? ShortcutNorm { get; set; }

        /// <summary><c>scale</c>: the residual scale, a number or an expression.</summary>
        public object? Scale { get; set; }

        /// <summary><c>then</c>: the activation after the addition.</summary>
        public string? Then { get; set; }
    }
}
