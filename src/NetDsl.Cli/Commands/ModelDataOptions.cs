using System;
using System.CommandLine;
using NetDsl.Cli.Data;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Commands;

/// <summary>The options <c>train</c> and <c>eval</c> share: which network, which data, on which device.</summary>
internal sealed class ModelDataOptions(CliContext context)
{
    private readonly ModelOptions _network = new(context);

    /// <summary>The network class (zoo class name, e.g. ResNet18).</summary>
    public Option<string> Model => _network.Model;

    /// <summary>The data set.</summary>
    public Option<string> Data { get; } = new("--data") { Description = "fashion-mnist, mnist, cifar10, synthetic (generated at the model's input size), or a folder with train/ and test/ (or val/) image sub-folders.", Required = true };

    /// <summary>Where the data set's files are.</summary>
    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "The folder holding the data set's files (fashion-mnist defaults to /usr/share/datasets/fashion-mnist)." };

    /// <summary>Images per batch.</summary>
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Images per batch.", DefaultValueFactory = _ => 128 };

    /// <summary>The device.</summary>
    public Option<string> Device => _network.Device;

    /// <summary>The model's class count.</summary>
    public Option<int?> Classes { get; } = new("--classes") { Description = "The network's class count; defaults to the data set's, and must equal it." };

    /// <summary>Use only the first N images of each split.</summary>
    public Option<int?> Limit { get; } = new("--limit") { Description = "Use only the first N images of each split (quick trials)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Data, DataDir, BatchSize, Device, Classes, _network.Assemblies, Limit })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Loads libtorch, checks the device, and resolves the network class, its input shape and the data set.</summary>
    /// <exception cref="CliException">No usable libtorch, or an option's value is wrong.</exception>
    public (Type Model, ImageShape Input, DataSource Data) Resolve(ParseResult parse)
    {
        if (parse.GetValue(BatchSize) < 1)
        {
            throw new CliException(ExitCodes.Usage, "--batch-size must be at least 1.");
        }

        if (parse.GetValue(Limit) is < 1)
        {
            throw new CliException(ExitCodes.Usage, "--limit must be at least 1.");
        }

        var (model, input) = _network.Resolve(parse);
        return (model, input, DataSource.Resolve(parse.GetValue(Data)!, parse.GetValue(DataDir), input));
    }

    /// <summary>Loads a split, cut to <c>--limit</c> images.</summary>
    public ImageSet Load(ParseResult parse, DataSource data, DataSplit split)
    {
        var set = data.Load(split);
        return parse.GetValue(Limit) is { } limit ? set.Take(limit) : set;
    }

    /// <summary>The class count: the data's, checked against <c>--classes</c>.</summary>
    public int ClassCount(ParseResult parse, ImageSet data)
    {
        var classes = data.ClassNames.Count;
        if (parse.GetValue(Classes) is { } asked && asked != classes)
        {
            throw new CliException(ExitCodes.Usage, $"--classes {asked} does not match the data set, which has {classes} classes; leave --classes out or pass {classes}.");
        }

        return classes;
    }
}
