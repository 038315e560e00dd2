using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Loads an image-folder data set (torchvision's <c>ImageFolder</c> layout): one sub-folder per class, classes in
/// ordinal name order, images decoded by <see cref="ImageFile"/> (PNG, JPEG, BMP, GIF, WebP) and resized to a fixed size.
/// </summary>
public static class ImageFolder
{
    /// <summary>Loads every image under <paramref name="root"/>, resized to <paramref name="height"/>×<paramref name="width"/>.</summary>
    /// <param name="root">The folder holding one sub-folder per class.</param>
    /// <param name="height">Output height.</param>
    /// <param name="width">Output width.</param>
    /// <param name="grey">Convert to one grey channel (ITU-R 601 luma) instead of RGB.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">There are no class folders or images, or an image cannot be decoded.</exception>
    public static ImageSet Load(string root, int height, int width, bool grey = false)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Image folder '{root}' does not exist.");
        }

        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0)
        {
            throw new InvalidDataException($"'{root}' has no class sub-folders; put each class's images in a folder named for the class.");
        }

        var files = new List<(string Path, int Label)>();
        for (var c = 0; c < classes.Length; c++)
        {
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, classes[c]))
                .Where(ImageFile.IsImage)
                .Order(StringComparer.Ordinal)
                .Select(f => (f, c)));
        }

        if (files.Count == 0)
        {
            throw new InvalidDataException($"The class folders of '{root}' hold no images ({string.Join(", ", ImageFile.Extensions)}).");
        }

        var shape = new ImageShape(grey ? 1 : 3, height, width);
        var pixels = new byte[files.Count * shape.Size];
        var labels = new int[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            ImageFile.Decode(files[i].Path, shape, pixels.AsSpan(i * shape.Size, shape.Size));
            labels[i] = files[i].Label;
        }

        return new ImageSet(pixels, labels, shape, classes);
    }
}
