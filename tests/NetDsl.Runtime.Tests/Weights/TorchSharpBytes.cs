using System.Collections.Generic;
using System.IO;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>The records of TorchSharp's binary formats, for files made by hand.</summary>
internal static class TorchSharpBytes
{
    /// <summary>A LEB128 number, as TorchSharp writes counts, element types and dimensions.</summary>
    public static byte[] Leb(long value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it.</summary>
    public static byte[] Name(string name)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(name);
        }

        return buffer.ToArray();
    }
}
