using System.IO;
using System.IO.Compression;

namespace NetDsl.Runtime.Tests.Data;

/// <summary>Writes IDX files for the tests, the way the MNIST distribution lays them out.</summary>
internal static class IdxWriter
{
    public static byte[] Encode(int[] dimensions, byte[] values, byte type = 0x08)
    {
        using var stream = new MemoryStream();
        stream.Write([0, 0, type, (byte)dimensions.Length]);
        foreach (var d in dimensions)
        {
            stream.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        }

        stream.Write(values);
        return stream.ToArray();
    }

    public static void Write(string path, byte[] bytes, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return;
        }

        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }

    /// <summary>Writes a complete MNIST-layout split: images whose pixels are <c>(i + p) % 256</c> and labels <c>i % 10</c>.</summary>
    public static void WriteSplit(string directory, string prefix, int count, int height, int width, bool gzip)
    {
        var pixels = new byte[count * height * width];
        for (var i = 0; i < count; i++)
        {
            for (var p = 0; p < height * width; p++)
            {
                pixels[(i * height * width) + p] = (byte)((i + p) % 256);
            }
        }

        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
        }

        var suffix = gzip ? ".gz" : string.Empty;
        Write(Path.Combine(directory, prefix + "-images-idx3-ubyte" + suffix), Encode([count, height, width], pixels), gzip);
        Write(Path.Combine(directory, prefix + "-labels-idx1-ubyte" + suffix), Encode([count], labels), gzip);
    }
}
