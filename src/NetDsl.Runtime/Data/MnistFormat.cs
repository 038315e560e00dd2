using System;
using System.Collections.Generic;
using System.IO;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Loads MNIST-layout data sets (MNIST, Fashion-MNIST): <c>train-images-idx3-ubyte</c> /
/// <c>t10k-images-idx3-ubyte</c> with their <c>-labels-idx1-ubyte</c> files, each optionally <c>.gz</c>.
/// </summary>
public static class MnistFormat
{
    /// <summary>The folder <c>apt-get install dataset-fashion-mnist</c> installs Fashion-MNIST into.</summary>
    public const string FashionMnistSystemDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Fashion-MNIST's pixel mean over the training images, on the 0–1 scale, for <see cref="Normalize"/>.</summary>
    public const float FashionMnistMean = 0.2860f;

    /// <summary>Fashion-MNIST's pixel standard deviation over the training images, on the 0–1 scale.</summary>
    public const float FashionMnistStd = 0.3530f;

    /// <summary>Fashion-MNIST's class names, by label.</summary>
    public static IReadOnlyList<string> FashionMnistClasses { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>MNIST's class names (the digits).</summary>
    public static IReadOnlyList<string> DigitClasses { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Loads Fashion-MNIST from <paramref name="directory"/>, or from the system folder when it is null.</summary>
    /// <exception cref="FileNotFoundException">The files are missing; the message says how to get them.</exception>
    public static ImageSet LoadFashionMnist(DataSplit split, string? directory = null) =>
        Load(directory ?? FashionMnistSystemDirectory, split, FashionMnistClasses,
            "Install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' (it goes to " + FashionMnistSystemDirectory +
            ") or pass the folder that holds the IDX files.");

    /// <summary>Loads MNIST from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The files are missing.</exception>
    public static ImageSet LoadMnist(DataSplit split, string directory) =>
        Load(directory, split, DigitClasses, "Pass the folder that holds the MNIST IDX files.");

    /// <summary>Loads an MNIST-layout split from <paramref name="directory"/> with the given class names.</summary>
    /// <exception cref="FileNotFoundException">An image or label file is missing; <paramref name="hint"/> ends the message.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or the images and labels disagree.</exception>
    public static ImageSet Load(string directory, DataSplit split, IReadOnlyList<string> classNames, string hint)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var prefix = split == DataSplit.Train ? "train" : "t10k";
        var imagesPath = Find(directory, prefix + "-images-idx3-ubyte", hint);
        var labelsPath = Find(directory, prefix + "-labels-idx1-ubyte", hint);
        var (imageDims, pixels) = IdxFile.Read(imagesPath);
        var (labelDims, labelBytes) = IdxFile.Read(labelsPath);
        if (imageDims.Length != 3)
        {
            throw new InvalidDataException($"'{imagesPath}' has {imageDims.Length} dimensions; an image file has 3 ([N, H, W]).");
        }

        if (labelDims.Length != 1)
        {
            throw new InvalidDataException($"'{labelsPath}' has {labelDims.Length} dimensions; a label file has 1 ([N]).");
        }

        if (imageDims[0] != labelDims[0])
        {
            throw new InvalidDataException($"'{imagesPath}' holds {imageDims[0]} images but '{labelsPath}' holds {labelDims[0]} labels.");
        }

        var labels = new int[labelBytes.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = labelBytes[i];
            if (labels[i] >= classNames.Count)
            {
                throw new InvalidDataException($"'{labelsPath}' has label {labels[i]} at index {i}; there are {classNames.Count} classes.");
            }
        }

        return new ImageSet(pixels, labels, new ImageShape(1, imageDims[1], imageDims[2]), classNames);
    }

    private static string Find(string directory, string name, string hint)
    {
        foreach (var candidate in new[] { name, name + ".gz" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"Neither '{name}' nor '{name}.gz' is in '{directory}'. {hint}", Path.Combine(directory, name));
    }
}
