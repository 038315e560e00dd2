using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Data;

/// <summary>Zero-pads by <paramref name="Padding"/> on every side, then crops a random <c>Height×Width</c> window (the CIFAR augmentation).</summary>
/// <param name="Height">Crop height.</param>
/// <param name="Width">Crop width.</param>
/// <param name="Padding">Zero padding added on each side before cropping.</param>
public sealed record RandomCrop(int Height, int Width, int Padding) : IImageTransform
{
    /// <inheritdoc />
    public ImageShape OutputShape(ImageShape input)
    {
        if (Height > input.Height + (2 * Padding) || Width > input.Width + (2 * Padding))
        {
            throw new ArgumentException($"A {Height}×{Width} crop does not fit an image {input} padded by {Padding}.");
        }

        return input with { Height = Height, Width = Width };
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
    {
        var top = random.Next(shape.Height + (2 * Padding) - Height + 1) - Padding;
        var left = random.Next(shape.Width + (2 * Padding) - Width + 1) - Padding;
        for (var c = 0; c < shape.Channels; c++)
        {
            for (var y = 0; y < Height; y++)
            {
                var sy = top + y;
                for (var x = 0; x < Width; x++)
                {
                    var sx = left + x;
                    var inside = sy >= 0 && sy < shape.Height && sx >= 0 && sx < shape.Width;
                    output[(((c * Height) + y) * Width) + x] = inside ? input[(((c * shape.Height) + sy) * shape.Width) + sx] : 0f;
                }
            }
        }
    }
}

/// <summary>Mirrors the image left to right with probability <paramref name="Probability"/>.</summary>
/// <param name="Probability">Chance of flipping, 0.5 by default.</param>
public sealed record HorizontalFlip(double Probability = 0.5) : IImageTransform
{
    /// <inheritdoc />
    public ImageShape OutputShape(ImageShape input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
    {
        if (random.NextDouble() >= Probability)
        {
            input.CopyTo(output);
            return;
        }

        for (var row = 0; row < shape.Channels * shape.Height; row++)
        {
            var start = row * shape.Width;
            for (var x = 0; x < shape.Width; x++)
            {
                output[start + x] = input[start + shape.Width - 1 - x];
            }
        }
    }
}

/// <summary>Per-channel <c>(x − mean) / std</c>.</summary>
public sealed class Normalize : IImageTransform
{
    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>Creates the transform; one mean and one standard deviation per channel.</summary>
    public Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != std.Count || mean.Count == 0)
        {
            throw new ArgumentException($"Normalize needs one mean and one std per channel; got {mean.Count} and {std.Count}.");
        }

        _mean = [.. mean];
        _std = [.. std];
        foreach (var s in _std)
        {
            if (!(s > 0))
            {
                throw new ArgumentException("Every standard deviation must be positive.", nameof(std));
            }
        }
    }

    /// <inheritdoc />
    public ImageShape OutputShape(ImageShape input)
    {
        if (input.Channels != _mean.Length)
        {
            throw new ArgumentException($"Normalize has statistics for {_mean.Length} channels but the image is {input}.");
        }

        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
    {
        var plane = shape.Height * shape.Width;
        for (var c = 0; c < shape.Channels; c++)
        {
            for (var i = c * plane; i < (c + 1) * plane; i++)
            {
                output[i] = (input[i] - _mean[c]) / _std[c];
            }
        }
    }
}

/// <summary>Bilinear resize to <c>Height×Width</c> (half-pixel centres, as PyTorch's <c>align_corners=False</c>).</summary>
/// <param name="Height">Target height.</param>
/// <param name="Width">Target width.</param>
public sealed record Resize(int Height, int Width) : IImageTransform
{
    /// <inheritdoc />
    public ImageShape OutputShape(ImageShape input) => input with { Height = Height, Width = Width };

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
    {
        var scaleY = (double)shape.Height / Height;
        var scaleX = (double)shape.Width / Width;
        for (var y = 0; y < Height; y++)
        {
            var (y0, y1, wy) = Source(y, scaleY, shape.Height);
            for (var x = 0; x < Width; x++)
            {
                var (x0, x1, wx) = Source(x, scaleX, shape.Width);
                for (var c = 0; c < shape.Channels; c++)
                {
                    var plane = c * shape.Height * shape.Width;
                    var top = ((1 - wx) * input[plane + (y0 * shape.Width) + x0]) + (wx * input[plane + (y0 * shape.Width) + x1]);
                    var bottom = ((1 - wx) * input[plane + (y1 * shape.Width) + x0]) + (wx * input[plane + (y1 * shape.Width) + x1]);
                    output[(((c * Height) + y) * Width) + x] = (float)(((1 - wy) * top) + (wy * bottom));
                }
            }
        }
    }

    private static (int Low, int High, double Weight) Source(int target, double scale, int size)
    {
        var position = Math.Max(((target + 0.5) * scale) - 0.5, 0);
        var low = Math.Min((int)position, size - 1);
        var high = Math.Min(low + 1, size - 1);
        return (low, high, position - low);
    }
}

/// <summary>Zero-pads the image equally on both sides up to <c>Height×Width</c> (28×28 → 32×32 for a CIFAR-sized network).</summary>
/// <param name="Height">Target height, at least the image's.</param>
/// <param name="Width">Target width, at least the image's.</param>
public sealed record PadTo(int Height, int Width) : IImageTransform
{
    /// <inheritdoc />
    public ImageShape OutputShape(ImageShape input)
    {
        if (input.Height > Height || input.Width > Width)
        {
            throw new ArgumentException($"PadTo({Height}, {Width}) cannot shrink an image {input}; use Resize.");
        }

        return input with { Height = Height, Width = Width };
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
    {
        output[..(shape.Channels * Height * Width)].Clear();
        var top = (Height - shape.Height) / 2;
        var left = (Width - shape.Width) / 2;
        for (var c = 0; c < shape.Channels; c++)
        {
            for (var y = 0; y < shape.Height; y++)
            {
                input.Slice(((c * shape.Height) + y) * shape.Width, shape.Width)
                    .CopyTo(output[((((c * Height) + top + y) * Width) + left)..]);
            }
        }
    }
}

/// <summary>Repeats a one-channel image into three channels, for networks that expect RGB.</summary>
public sealed record GreyToRgb : IImageTransform
{
    /// <inheritdoc />
    public ImageShape OutputShape(ImageShape input)
    {
        if (input.Channels != 1)
        {
            throw new ArgumentException($"GreyToRgb needs a one-channel image, not {input}.");
        }

        return input with { Channels = 3 };
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
    {
        var plane = shape.Height * shape.Width;
        for (var c = 0; c < 3; c++)
        {
            input[..plane].CopyTo(output[(c * plane)..]);
        }
    }
}

/// <summary>
/// With probability <paramref name="Probability"/>, sets a random rectangle of the image to <paramref name="Value"/>
/// (Zhong et al. 2017, "Random Erasing Data Augmentation"). The rectangle covers <paramref name="MinArea"/> to
/// <paramref name="MaxArea"/> of the image, with a height-to-width ratio between <paramref name="MinAspect"/> and its
/// inverse; a draw that does not fit is drawn again, up to ten times, then the image is left as it is. Placed after
/// <see cref="Normalize"/>, the default value 0 is the data set's mean.
/// </summary>
/// <param name="Probability">Chance of erasing, 0.5 by default (the paper's).</param>
/// <param name="MinArea">Smallest erased fraction of the image, 0.02 by default.</param>
/// <param name="MaxArea">Largest erased fraction of the image, 0.4 by default.</param>
/// <param name="MinAspect">Smallest height-to-width ratio, at most 1; 0.3 by default.</param>
/// <param name="Value">The value written into every channel of the rectangle.</param>
public sealed record RandomErasing(double Probability = 0.5, double MinArea = 0.02, double MaxArea = 0.4, double MinAspect = 0.3, float Value = 0f) : IImageTransform
{
    private const int Attempts = 10;

    /// <inheritdoc />
    public ImageShape OutputShape(ImageShape input)
    {
        if (Probability is < 0 or > 1 || !(MinArea > 0) || MaxArea < MinArea || MaxArea > 1 || !(MinAspect > 0) || MinAspect > 1)
        {
            throw new ArgumentException(
                $"RandomErasing needs a probability within [0, 1], 0 < MinArea ≤ MaxArea ≤ 1 and 0 < MinAspect ≤ 1; got {Probability}, {MinArea}, {MaxArea}, {MinAspect}.");
        }

        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
    {
        input.CopyTo(output);
        if (random.NextDouble() >= Probability)
        {
            return;
        }

        var area = shape.Height * shape.Width;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var target = area * (MinArea + (random.NextDouble() * (MaxArea - MinArea)));
            var aspect = Math.Exp(Math.Log(MinAspect) * ((2 * random.NextDouble()) - 1));
            var height = (int)Math.Round(Math.Sqrt(target * aspect));
            var width = (int)Math.Round(Math.Sqrt(target / aspect));
            if (height < 1 || width < 1 || height >= shape.Height || width >= shape.Width)
            {
                continue;
            }

            var top = random.Next(shape.Height - height + 1);
            var left = random.Next(shape.Width - width + 1);
            for (var c = 0; c < shape.Channels; c++)
            {
                for (var y = top; y < top + height; y++)
                {
                    output.Slice((((c * shape.Height) + y) * shape.Width) + left, width).Fill(Value);
                }
            }

            return;
        }
    }
}
