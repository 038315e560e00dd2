using System;

namespace NetDsl.Declarations
{
    /// <summary>
    /// Declares a block on a <c>public partial class</c>: the NetDsl generator reads the class's layer attributes
    /// in order, checks their shapes and completes the class as a TorchSharp module, as for a block in a
    /// <c>.net.yaml</c> file's <c>blocks:</c>. See docs/attributes.md.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class NetBlockAttribute : Attribute
    {
        /// <summary>The optional input assertion <c>in: [C, H, W]</c>, e.g. <c>new[] { 1024, 17, 17 }</c>; entries may be expressions (<c>"$inChannels"</c>).</summary>
        public object? In { get; set; }
    }

    /// <summary>
    /// Declares a network on a <c>public partial class</c>, as a <c>.net.yaml</c> file's <c>network:</c> with its
    /// <c>layers:</c>. See docs/attributes.md.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class NetworkAttribute : Attribute
    {
        /// <summary>The input shape <c>[C, H, W]</c> without the batch dimension, e.g. <c>new[] { 3, 299, 299 }</c>.</summary>
        public int[]? Input { get; set; }

        /// <summary>
        /// Every input the network accepts, <c>accepts: [C, H, W]</c>: channels, then for height and width a size or a
        /// range, e.g. <c>new object[] { 3, "32..", "32.." }</c> or <c>new object[] { 3, "32..512", 224 }</c>. Default: only <see cref="Input"/>.
        /// </summary>
        public object[]? Accepts { get; set; }
    }

    /// <summary>
    /// A parameter of the declared block or network; it becomes a constructor parameter. <c>[Param("planes", typeof(int))]</c>
    /// is <c>planes: int</c>, <c>[Param("stride", 1)]</c> is <c>stride: int = 1</c>, <c>[Param("p", 0.2)]</c> is <c>p: float = 0.2</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ParamAttribute : Attribute
    {
        /// <summary>A parameter named <paramref name="name"/> of a type (<c>typeof(int)</c>, <c>typeof(double)</c>) or with a default value (an int or a double).</summary>
        public ParamAttribute(string name, object typeOrDefault)
        {
            Name = name;
            TypeOrDefault = typeOrDefault;
        }

        /// <summary>The parameter's name, used as <c>$name</c> in expressions.</summary>
        public string Name { get; }

        /// <summary>The type, or the default value whose type is the parameter's.</summary>
        public object TypeOrDefault { get; }
    }
}
