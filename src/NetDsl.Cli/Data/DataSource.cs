using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Data;

/// <summary>
/// A data set named on the command line (<c>--data</c>): how to load each split and the per-channel mean and
/// standard deviation to normalise with (the usual published figures, or measured on the training split).
/// </summary>
internal sealed class DataSource
{
    /// <summary>The training images of <c>--data synthetic</c>, before <c>--limit</c>.</summary>
    public const int SyntheticTrainImages = 2048;

    /// <summary>The test images of <c>--data synthetic</c>, before <c>--limit</c>.</summary>
    public const int SyntheticTestImages = 512;

    /// <summary>The classes of <c>--data synthetic</c>.</summary>
    public const int SyntheticClasses = 10;

    private readonly Func<DataSplit, ImageSet> _load;
    private readonly float[]? _mean;
    private readonly float[]? _std;

    private DataSource(string name, Func<DataSplit, ImageSet> load, float[]? mean = null, float[]? std = null)
    {
        Name = name;
        _load = load;
        _mean = mean;
        _std = std;
    }

    /// <summary>The names <c>--data</c> accepts besides a folder.</summary>
    public static IReadOnlyList<string> Known { get; } = ["fashion-mnist", "mnist", "cifar10", "synthetic"];

    /// <summary>The data set's name as given.</summary>
    public string Name { get; }

    /// <summary>
    /// Resolves <paramref name="data"/>: <c>fashion-mnist</c> (the system folder unless <paramref name="dataDir"/>),
    /// <c>mnist</c> and <c>cifar10</c> (from <paramref name="dataDir"/>), or an image folder with <c>train/</c> and
    /// <c>test/</c> (or <c>val/</c>) sub-folders, loaded at <paramref name="model"/>'s size; <c>synthetic</c> makes
    /// <see cref="SyntheticImages"/> at that size, so a run needs no files.
    /// </summary>
    /// <exception cref="CliException">The name is unknown, or a needed <c>--data-dir</c> is missing.</exception>
    public static DataSource Resolve(string data, string? dataDir, ImageShape model)
    {
        switch (data.ToLowerInvariant())
        {
            case "fashion-mnist":
                return new DataSource(data, split => MnistFormat.LoadFashionMnist(split, dataDir), [MnistFormat.FashionMnistMean], [MnistFormat.FashionMnistStd]);
            case "mnist":
                var mnist = Require(dataDir, data, "the folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (optionally .gz)");
                return new DataSource(data, split => MnistFormat.LoadMnist(split, mnist), [0.1307f], [0.3081f]);
            case "cifar10":
                var cifar = Require(dataDir, data, "the folder of CIFAR-10's binary version (cifar-10-batches-bin: data_batch_1.bin … test_batch.bin)");
                return new DataSource(data, split => Cifar10Format.Load(cifar, split), [0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);
            case "synthetic":
                return new DataSource(
                    data,
                    split => split == DataSplit.Train
                        ? SyntheticImages.Create(model, SyntheticTrainImages, SyntheticClasses, seed: 1)
                        : SyntheticImages.Create(model, SyntheticTestImages, SyntheticClasses, seed: 2),
                    [.. Enumerable.Repeat(SyntheticImages.Mean, model.Channels)],
                    [.. Enumerable.Repeat(SyntheticImages.Std, model.Channels)]);
        }

        var root = dataDir is null ? data : Path.Combine(dataDir, data);
        if (!Directory.Exists(root))
        {
            throw new CliException(ExitCodes.Usage, $"--data: '{data}' is neither a known data set ({string.Join(", ", Known)}) nor a folder.");
        }

        var test = new[] { "test", "val" }.Select(s => Path.Combine(root, s)).FirstOrDefault(Directory.Exists);
        if (!Directory.Exists(Path.Combine(root, "train")) || test is null)
        {
            throw new CliException(ExitCodes.DataUnavailable, $"--data: the image folder '{root}' needs a 'train' and a 'test' (or 'val') sub-folder, each with one folder of images per class.");
        }

        return new DataSource(data, split => ImageFolder.Load(split == DataSplit.Train ? Path.Combine(root, "train") : test, model.Height, model.Width, grey: model.Channels == 1));
    }

    /// <summary>Loads a split, turning a missing or corrupt file into a message that says how to get the data.</summary>
    /// <exception cref="CliException">The files are missing or unreadable.</exception>
    public ImageSet Load(DataSplit split)
    {
        try
        {
            return _load(split);
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(ExitCodes.DataUnavailable, $"--data {Name}: {e.Message} (--data-dir points at the folder holding the files.)", e);
        }
        catch (Exception e) when (e is InvalidDataException or DirectoryNotFoundException or IOException)
        {
            throw new CliException(ExitCodes.DataUnavailable, $"--data {Name}: {e.Message}", e);
        }
    }

    /// <summary>The per-channel mean and standard deviation in <c>[0, 1]</c> units: the published figures, else measured on <paramref name="train"/>.</summary>
    public (float[] Mean, float[] Std) Normalization(Func<ImageSet> train) =>
        _mean is not null && _std is not null ? (_mean, _std) : Measure(train());

    private static (float[] Mean, float[] Std) Measure(ImageSet set)
    {
        var channels = set.Shape.Channels;
        var plane = set.Shape.Height * set.Shape.Width;
        var sum = new double[channels];
        var squares = new double[channels];
        for (var i = 0; i < set.Count; i++)
        {
            var pixels = set.Pixels(i);
            for (var p = 0; p < pixels.Length; p++)
            {
                var v = pixels[p] / 255.0;
                sum[p / plane] += v;
                squares[p / plane] += v * v;
            }
        }

        var n = Math.Max(1.0, (double)set.Count * plane);
        var mean = sum.Select(s => s / n).ToArray();
        var std = squares.Select((s, c) => Math.Sqrt(Math.Max(s / n - (mean[c] * mean[c]), 0))).Select(s => s < 1e-6 ? 1.0 : s).ToArray();
        return (mean.Select(m => (float)m).ToArray(), std.Select(s => (float)s).ToArray());
    }

    private static string Require(string? dataDir, string data, string what) =>
        dataDir ?? throw new CliException(ExitCodes.Usage, $"--data {data} needs --data-dir <folder>: {what}.");
}
