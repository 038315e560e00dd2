using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Data;

/// <summary>
/// A labelled image data set held in memory as 8-bit pixels, channels first (<c>[N, C, H, W]</c>), which is how
/// MNIST, Fashion-MNIST and CIFAR-10 are stored on disk.
/// </summary>
public sealed class ImageSet
{
    private readonly byte[] _pixels;
    private readonly int[] _labels;

    /// <summary>Creates a data set over <paramref name="pixels"/> (<c>count · shape.Size</c> bytes) and one label per image.</summary>
    /// <exception cref="ArgumentException">The sizes do not agree or a label is outside <c>[0, classNames.Count)</c>.</exception>
    public ImageSet(byte[] pixels, int[] labels, ImageShape shape, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if ((long)labels.Length * shape.Size != pixels.Length)
        {
            throw new ArgumentException(
                $"{labels.Length} labels of images shaped {shape} need {(long)labels.Length * shape.Size} pixel bytes, but {pixels.Length} were given.",
                nameof(pixels));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException($"Label {labels[i]} of image {i} is outside the {classNames.Count} classes.", nameof(labels));
            }
        }

        _pixels = pixels;
        _labels = labels;
        Shape = shape;
        ClassNames = classNames;
    }

    /// <summary>Number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>Shape of every image.</summary>
    public ImageShape Shape { get; }

    /// <summary>Class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The pixels of image <paramref name="index"/>, channels first.</summary>
    public ReadOnlySpan<byte> Pixels(int index) => _pixels.AsSpan(index * Shape.Size, Shape.Size);

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>The first <paramref name="count"/> images (or all, if there are fewer), for quick runs and tests.</summary>
    public ImageSet Take(int count)
    {
        var n = Math.Min(Math.Max(count, 0), Count);
        return new ImageSet(_pixels.AsSpan(0, n * Shape.Size).ToArray(), _labels.AsSpan(0, n).ToArray(), Shape, ClassNames);
    }

    /// <summary>
    /// The images of <paramref name="classes"/> only, relabelled <c>0 … classes.Length − 1</c> in the order given
    /// (a transfer-learning task made from part of a data set).
    /// </summary>
    /// <exception cref="ArgumentException">A class is out of range or given twice.</exception>
    public ImageSet WhereClasses(params int[] classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var relabel = new int[ClassNames.Count];
        Array.Fill(relabel, -1);
        for (var i = 0; i < classes.Length; i++)
        {
            if ((uint)classes[i] >= (uint)ClassNames.Count || relabel[classes[i]] >= 0)
            {
                throw new ArgumentException($"Class {classes[i]} is outside the {ClassNames.Count} classes or given twice.", nameof(classes));
            }

            relabel[classes[i]] = i;
        }

        var kept = new List<int>();
        for (var i = 0; i < Count; i++)
        {
            if (relabel[_labels[i]] >= 0)
            {
                kept.Add(i);
            }
        }

        var pixels = new byte[kept.Count * Shape.Size];
        var labels = new int[kept.Count];
        for (var j = 0; j < kept.Count; j++)
        {
            Pixels(kept[j]).CopyTo(pixels.AsSpan(j * Shape.Size));
            labels[j] = relabel[_labels[kept[j]]];
        }

        return new ImageSet(pixels, labels, Shape, Array.ConvertAll(classes, c => ClassNames[c]));
    }
}
