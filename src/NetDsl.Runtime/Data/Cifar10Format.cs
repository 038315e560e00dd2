using System;
using System.Collections.Generic;
using System.IO;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Loads CIFAR-10's binary version (<c>cifar-10-batches-bin</c>): records of one label byte followed by 3072 pixel
/// bytes (1024 red, 1024 green, 1024 blue, row-major 32×32), in <c>data_batch_1.bin</c>…<c>data_batch_5.bin</c> and
/// <c>test_batch.bin</c>.
/// </summary>
public static class Cifar10Format
{
    private const int RecordSize = 1 + (3 * 32 * 32);

    /// <summary>CIFAR-10's class names, by label.</summary>
    public static IReadOnlyList<string> Classes { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Loads a split from <paramref name="directory"/> (the folder holding the <c>.bin</c> files).</summary>
    /// <exception cref="FileNotFoundException">A batch file is missing.</exception>
    /// <exception cref="InvalidDataException">A file's size is not a whole number of records, or a label is above 9.</exception>
    public static ImageSet Load(string directory, DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string[] names = split == DataSplit.Train
            ? ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"]
            : ["test_batch.bin"];
        var files = new List<byte[]>();
        foreach (var name in names)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"CIFAR-10 file '{name}' is not in '{directory}'. Pass the folder of the binary version (cifar-10-batches-bin).", path);
            }

            files.Add(File.ReadAllBytes(path));
        }

        return Parse(files, names);
    }

    /// <summary>Parses CIFAR-10 binary batches already in memory; <paramref name="names"/> label them in errors.</summary>
    /// <exception cref="InvalidDataException">A batch's size is not a whole number of records, or a label is above 9.</exception>
    public static ImageSet Parse(IReadOnlyList<byte[]> batches, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(names);
        var count = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            if (batches[b].Length % RecordSize != 0)
            {
                throw new InvalidDataException(
                    $"'{names[b]}' has {batches[b].Length} bytes, not a whole number of {RecordSize}-byte CIFAR-10 records; it is truncated or not CIFAR-10's binary version.");
            }

            count += batches[b].Length / RecordSize;
        }

        var pixels = new byte[count * (RecordSize - 1)];
        var labels = new int[count];
        var image = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            var data = batches[b];
            for (var offset = 0; offset < data.Length; offset += RecordSize, image++)
            {
                labels[image] = data[offset];
                if (labels[image] >= Classes.Count)
                {
                    throw new InvalidDataException($"'{names[b]}' has label {labels[image]} in record {offset / RecordSize}; CIFAR-10 labels are 0–9.");
                }

                data.AsSpan(offset + 1, RecordSize - 1).CopyTo(pixels.AsSpan(image * (RecordSize - 1)));
            }
        }

        return new ImageSet(pixels, labels, new ImageShape(3, 32, 32), Classes);
    }
}
