using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Turns 8-bit pixels into a network input: scales them to <c>[0, 1]</c>, then applies the transforms in order
/// (torchvision's <c>Compose([ToTensor(), ...])</c>).
/// </summary>
public sealed class ImagePipeline
{
    private readonly IImageTransform[] _transforms;
    private readonly ImageShape[] _shapes;

    /// <summary>Creates a pipeline for images shaped <paramref name="input"/>; checks every transform's shape up front.</summary>
    /// <exception cref="ArgumentException">A transform does not accept the shape the previous one produces.</exception>
    public ImagePipeline(ImageShape input, params IReadOnlyList<IImageTransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        _transforms = [.. transforms];
        _shapes = new ImageShape[_transforms.Length + 1];
        _shapes[0] = input;
        var largest = input.Size;
        for (var i = 0; i < _transforms.Length; i++)
        {
            _shapes[i + 1] = _transforms[i].OutputShape(_shapes[i]);
            largest = Math.Max(largest, _shapes[i + 1].Size);
        }

        LargestSize = largest;
    }

    /// <summary>The shape of the images the pipeline accepts.</summary>
    public ImageShape InputShape => _shapes[0];

    /// <summary>The shape of the images the pipeline produces.</summary>
    public ImageShape OutputShape => _shapes[^1];

    /// <summary>The size of the biggest intermediate image, for scratch buffers.</summary>
    internal int LargestSize { get; }

    /// <summary>Transforms <paramref name="pixels"/> into <paramref name="output"/> (at least <see cref="OutputShape"/>'s size).</summary>
    public void Apply(ReadOnlySpan<byte> pixels, Span<float> output, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var a = new float[LargestSize];
        var b = _transforms.Length > 0 ? new float[LargestSize] : a;
        Apply(pixels, output, random, a, b);
    }

    internal void Apply(ReadOnlySpan<byte> pixels, Span<float> output, Random random, float[] scratchA, float[] scratchB)
    {
        if (pixels.Length != InputShape.Size)
        {
            throw new ArgumentException($"The pipeline expects images shaped {InputShape} ({InputShape.Size} bytes), not {pixels.Length} bytes.");
        }

        Span<float> current = scratchA;
        Span<float> next = scratchB;
        for (var i = 0; i < pixels.Length; i++)
        {
            current[i] = pixels[i] / 255f;
        }

        for (var t = 0; t < _transforms.Length; t++)
        {
            _transforms[t].Apply(current[.._shapes[t].Size], _shapes[t], next, random);
            var swap = current;
            current = next;
            next = swap;
        }

        current[..OutputShape.Size].CopyTo(output);
    }
}
