using System.Collections.Generic;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>One tensor of a safetensors file: its name, element type, shape and byte range in the data section.</summary>
public sealed record SafeTensorEntry(string Name, ScalarType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>The shape as libtorch prints it, <c>[64, 3, 7, 7]</c>.</summary>
    public string ShapeText => Format(Shape);

    /// <summary>A shape as libtorch prints it.</summary>
    internal static string Format(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
