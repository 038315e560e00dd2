using System;

using NetDsl.Runtime.Data;

namespace NetDsl.Runtime.Tests.Data;

/// <summary>Small data sets made in memory.</summary>
internal static class Synthetic
{
    /// <summary>Image i is filled with the value i % 256 and labelled i % classes.</summary>
    public static ImageSet Indexed(int count, ImageShape shape, int classes = 10)
    {
        var pixels = new byte[count * shape.Size];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            pixels.AsSpan(i * shape.Size, shape.Size).Fill((byte)(i % 256));
            labels[i] = i % classes;
        }

        return new ImageSet(pixels, labels, shape, Names(classes));
    }

    /// <summary>
    /// A separable task: class c images are bright in the c-th horizontal band and noisy elsewhere.
    /// </summary>
    public static ImageSet Bands(int count, int classes, int size, int seed)
    {
        var random = new System.Random(seed);
        var shape = new ImageShape(1, size, size);
        var pixels = new byte[count * shape.Size];
        var labels = new int[count];
        var band = size / classes;
        for (var i = 0; i < count; i++)
        {
            var label = random.Next(classes);
            labels[i] = label;
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var bright = y / band == label;
                    pixels[(i * shape.Size) + (y * size) + x] = (byte)(bright ? 200 + random.Next(55) : random.Next(80));
                }
            }
        }

        return new ImageSet(pixels, labels, shape, Names(classes));
    }

    private static string[] Names(int classes)
    {
        var names = new string[classes];
        for (var i = 0; i < classes; i++)
        {
            names[i] = "c" + i;
        }

        return names;
    }
}
