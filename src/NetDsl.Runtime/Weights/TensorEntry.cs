using System.Collections.Generic;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>One tensor of a weights file: its name, element type, shape and byte range (as its file class counts bytes).</summary>
public sealed record TensorEntry(string Name, ScalarType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>The shape as libtorch prints it, <c>[64, 3, 7, 7]</c>.</summary>
    public string ShapeText => Format(Shape);

    /// <summary>A shape as libtorch prints it.</summary>
    internal static string Format(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
