using System;
using System.Linq;

namespace NetDsl.Runtime.Data;

/// <summary>
/// A labelled data set made from a seed, for runs that need no files: a benchmark, or a first run on a machine
/// that has no data set. Every class has a random template image, and each image is its class's template
/// averaged with uniform noise, so a network can learn the classes but no single pixel gives them away.
/// </summary>
public static class SyntheticImages
{
    /// <summary>The mean of every channel in <c>[0, 1]</c> units: both halves are uniform over 0…255.</summary>
    public const float Mean = 0.5f;

    /// <summary>The standard deviation of every channel in <c>[0, 1]</c> units: that of the mean of two uniform bytes, √(2·(256² − 1)/12)/2/255.</summary>
    public const float Std = 0.2049f;

    /// <summary>
    /// Makes <paramref name="count"/> images shaped <paramref name="shape"/>, labelled <c>0, 1, …, classes − 1</c> in
    /// turn. Sets made with the same <paramref name="templateSeed"/> share their classes; <paramref name="seed"/>
    /// picks the noise, so a training and a test split differ only in it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    public static ImageSet Create(ImageShape shape, int count, int classes, int seed, int templateSeed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        var templates = new byte[classes][];
        var templateRandom = new Random(templateSeed);
        for (var c = 0; c < classes; c++)
        {
            templates[c] = new byte[shape.Size];
            templateRandom.NextBytes(templates[c]);
        }

        var random = new Random(seed);
        var pixels = new byte[(long)count * shape.Size];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % classes;
            var image = pixels.AsSpan(i * shape.Size, shape.Size);
            random.NextBytes(image);
            var template = templates[labels[i]];
            for (var p = 0; p < image.Length; p++)
            {
                image[p] = (byte)((image[p] + template[p]) >> 1);
            }
        }

        return new ImageSet(pixels, labels, shape, [.. Enumerable.Range(0, classes).Select(c => "class" + c)]);
    }
}
