using System;
using System.Buffers.Binary;
using System.IO;
using SkiaSharp;

namespace NetDsl.Cli.Tests;

/// <summary>Writes small MNIST-layout (IDX) and CIFAR-10-layout data sets with random pixels.</summary>
public static class TinyData
{
    /// <summary>train-/t10k- image and label IDX files of 28×28 grey images, labels cycling through 0…9.</summary>
    public static void WriteMnist(string directory, int trainCount, int testCount)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(7);
        foreach (var (prefix, count) in new[] { ("train", trainCount), ("t10k", testCount) })
        {
            var pixels = new byte[count * 28 * 28];
            random.NextBytes(pixels);
            var labels = new byte[count];
            for (var i = 0; i < count; i++)
            {
                labels[i] = (byte)(i % 10);
            }

            WriteIdx(Path.Combine(directory, prefix + "-images-idx3-ubyte"), [count, 28, 28], pixels);
            WriteIdx(Path.Combine(directory, prefix + "-labels-idx1-ubyte"), [count], labels);
        }
    }

    /// <summary>data_batch_1…5.bin and test_batch.bin, each with <paramref name="perFile"/> 3×32×32 records.</summary>
    public static void WriteCifar10(string directory, int perFile)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(11);
        foreach (var name in new[] { "data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch" })
        {
            var records = new byte[perFile * 3073];
            random.NextBytes(records);
            for (var i = 0; i < perFile; i++)
            {
                records[i * 3073] = (byte)(i % 10);
            }

            File.WriteAllBytes(Path.Combine(directory, name + ".bin"), records);
        }
    }

    /// <summary>An image folder: <c>train/</c> and <c>test/</c>, each with a dark and a light class of small PNGs.</summary>
    public static void WriteImageFolder(string root, int perClass)
    {
        foreach (var split in new[] { "train", "test" })
        {
            foreach (var (name, shade) in new[] { ("dark", (byte)40), ("light", (byte)220) })
            {
                var folder = Path.Combine(root, split, name);
                Directory.CreateDirectory(folder);
                for (var i = 0; i < perClass; i++)
                {
                    using var bitmap = new SKBitmap(20, 20, SKColorType.Rgba8888, SKAlphaType.Unpremul);
                    bitmap.Erase(new SKColor(shade, (byte)(shade + i), shade));
                    using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                    File.WriteAllBytes(Path.Combine(folder, $"{i}.png"), png.ToArray());
                }
            }
        }
    }

    private static void WriteIdx(string path, int[] dimensions, byte[] values)
    {
        using var file = File.Create(path);
        file.Write([0, 0, 0x08, (byte)dimensions.Length]);
        Span<byte> size = stackalloc byte[4];
        foreach (var dimension in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(size, dimension);
            file.Write(size);
        }

        file.Write(values);
    }
}
