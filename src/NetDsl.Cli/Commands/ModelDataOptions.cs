using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using NetDsl.Cli.Data;
using NetDsl.Cli.Models;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Commands;

/// <summary>The options <c>train</c> and <c>eval</c> share: which network, which data, on which device, which top-k errors.</summary>
internal sealed class ModelDataOptions
{
    private readonly ModelOptions _network;
    private readonly bool _severalModels;

    /// <summary>Creates the options; <paramref name="severalModels"/> lets <c>--model</c> repeat (one per checkpoint of an ensemble).</summary>
    public ModelDataOptions(CliContext context, bool severalModels = false)
    {
        _network = new ModelOptions(context);
        _severalModels = severalModels;
        Model = new Option<string[]>("--model")
        {
            Description = severalModels
                ? "The network class, e.g. ResNet18: once for every --checkpoint, or once per --checkpoint in the same order."
                : "The network class, e.g. ResNet18 (see the list printed for an unknown name).",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
    }

    /// <summary>The network class or classes (zoo class names, e.g. ResNet18).</summary>
    public Option<string[]> Model { get; }

    /// <summary>The k of the top-k errors to report.</summary>
    public Option<string> TopK { get; } = new("--top-k") { Description = "The top-k errors to report, as a list of k (e.g. 1,5).", DefaultValueFactory = _ => "1,3,5" };

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

    /// <summary>Test-time flip averaging in every evaluation.</summary>
    public Option<bool> Flip { get; } = new("--flip") { Description = "Evaluate each image and its mirror image and average the two softmax outputs (for classes a horizontal flip does not change)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Data, DataDir, BatchSize, Device, Classes, _network.Assemblies, Limit, TopK, Flip })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Loads libtorch, checks the device, and resolves the network class, its input shape and the data set.</summary>
    /// <exception cref="CliException">No usable libtorch, or an option's value is wrong.</exception>
    public (Type Model, ImageShape Input, DataSource Data) Resolve(ParseResult parse)
    {
        var (models, data) = ResolveAll(parse);
        return (models[0], ModelCatalog.InputShape(models[0]), data);
    }

    /// <summary>
    /// Loads libtorch, checks the device, and resolves every <c>--model</c> and the data set; an image folder is
    /// loaded at the first network's input size (and fitted to each network's own input from there).
    /// </summary>
    /// <exception cref="CliException">No usable libtorch, or an option's value is wrong.</exception>
    public (IReadOnlyList<Type> Models, DataSource Data) ResolveAll(ParseResult parse)
    {
        if (parse.GetValue(BatchSize) < 1)
        {
            throw new CliException(ExitCodes.Usage, "--batch-size must be at least 1.");
        }

        if (parse.GetValue(Limit) is < 1)
        {
            throw new CliException(ExitCodes.Usage, "--limit must be at least 1.");
        }

        var names = parse.GetValue(Model)!;
        if (!_severalModels && names.Length > 1)
        {
            throw new CliException(ExitCodes.Usage, $"--model: this command takes one network, not {names.Length} ({string.Join(", ", names)}).");
        }

        var catalog = _network.Catalog(parse);
        var models = names.Select(catalog.Find).ToList();
        return (models, DataSource.Resolve(parse.GetValue(Data)!, parse.GetValue(DataDir), ModelCatalog.InputShape(models[0])));
    }

    /// <summary>The k of <c>--top-k</c>, ascending.</summary>
    /// <exception cref="CliException">The list is not one of whole numbers of 1 or more.</exception>
    public IReadOnlyList<int> TopKs(ParseResult parse)
    {
        var text = parse.GetValue(TopK)!;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ks = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1)
            {
                throw new CliException(ExitCodes.Usage, $"--top-k: '{part}' in '{text}' is not a k of 1 or more; give a comma-separated list such as 1,3,5.");
            }

            ks.Add(k);
        }

        return Runtime.Metrics.TopK.Normalize(ks);
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
