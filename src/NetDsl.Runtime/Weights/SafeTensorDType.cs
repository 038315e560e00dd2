using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>The safetensors dtype names that libtorch has an element type for, and their sizes.</summary>
internal static class SafeTensorDType
{
    private static readonly Dictionary<string, (ScalarType Type, int Size)> ByName = new()
    {
        ["F64"] = (ScalarType.Float64, 8),
        ["F32"] = (ScalarType.Float32, 4),
        ["F16"] = (ScalarType.Float16, 2),
        ["BF16"] = (ScalarType.BFloat16, 2),
        ["I64"] = (ScalarType.Int64, 8),
        ["I32"] = (ScalarType.Int32, 4),
        ["I16"] = (ScalarType.Int16, 2),
        ["I8"] = (ScalarType.Int8, 1),
        ["U8"] = (ScalarType.Byte, 1),
        ["BOOL"] = (ScalarType.Bool, 1),
    };

    /// <summary>The names this reader accepts, for messages.</summary>
    public static string Known => string.Join(", ", ByName.Keys);

    public static bool TryParse(string name, out ScalarType type, out int size)
    {
        var found = ByName.TryGetValue(name, out var entry);
        (type, size) = entry;
        return found;
    }

    /// <summary>The element size of <paramref name="type"/>, for the element types this table knows.</summary>
    public static bool TrySize(ScalarType type, out int size)
    {
        foreach (var (known, bytes) in ByName.Values)
        {
            if (known == type)
            {
                size = bytes;
                return true;
            }
        }

        size = 0;
        return false;
    }

    public static string NameOf(ScalarType type) =>
        ByName.FirstOrDefault(p => p.Value.Type == type).Key
        ?? throw new System.NotSupportedException($"safetensors has no dtype for {type}; convert the tensor (e.g. to float32) before saving.");
}
