using System;
using System.Collections.Generic;
using System.IO;
using SkiaSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Decodes one image file (PNG, JPEG, BMP, GIF, WebP, with SkiaSharp) into 8-bit pixels, channels first, resized
/// bilinearly to a fixed size and converted to one grey channel (ITU-R 601 luma) or three RGB channels: how
/// <see cref="ImageFolder"/> reads its images, and how <c>netdsl predict</c> reads an image to classify.
/// </summary>
public static class ImageFile
{
    /// <summary>The file extensions read as images.</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>Whether <paramref name="path"/> has one of <see cref="Extensions"/>.</summary>
    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The pixels of <paramref name="path"/> at <paramref name="shape"/> (1 or 3 channels).</summary>
    /// <exception cref="InvalidDataException">The file cannot be decoded or resized.</exception>
    public static byte[] Decode(string path, ImageShape shape)
    {
        var pixels = new byte[shape.Size];
        Decode(path, shape, pixels);
        return pixels;
    }

    /// <summary>Writes the pixels of <paramref name="path"/> at <paramref name="shape"/> (1 or 3 channels) to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidDataException">The file cannot be decoded or resized.</exception>
    public static void Decode(string path, ImageShape shape, Span<byte> output)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (shape.Channels is not (1 or 3))
        {
            throw new ArgumentException($"Images are decoded to 1 (grey) or 3 (RGB) channels, not {shape}.", nameof(shape));
        }

        using var source = SKBitmap.Decode(path)
            ?? throw new InvalidDataException($"'{path}' could not be decoded as an image.");
        using var scaled = new SKBitmap(new SKImageInfo(shape.Width, shape.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (!source.ScalePixels(scaled, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
        {
            throw new InvalidDataException($"'{path}' could not be resized to {shape.Height}×{shape.Width}.");
        }

        var rgba = scaled.GetPixelSpan();
        var plane = shape.Height * shape.Width;
        for (var p = 0; p < plane; p++)
        {
            byte r = rgba[4 * p], g = rgba[(4 * p) + 1], b = rgba[(4 * p) + 2];
            if (shape.Channels == 1)
            {
                output[p] = (byte)Math.Round((0.299 * r) + (0.587 * g) + (0.114 * b));
            }
            else
            {
                output[p] = r;
                output[plane + p] = g;
                output[(2 * plane) + p] = b;
            }
        }
    }
}
