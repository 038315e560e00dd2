using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Transfer;
using NetDsl.Runtime.Weights;
using static TorchSharp.torch;

namespace NetDsl.Cli.Commands;

/// <summary>
/// The transfer-learning options of <c>train</c>: start from saved weights (leaving a new classifier as built),
/// freeze layers by name, give parameter groups their own learning rates, and export the trained weights.
/// </summary>
internal sealed class TransferOptions
{
    public Option<string?> Weights { get; } = new("--weights") { Description = "Start from these weights: a .safetensors file (e.g. exported from PyTorch) or TorchSharp's format." };

    public Option<string[]> WeightsSkip { get; } = Patterns("--weights-skip", "State-dict names to keep as the model builds them instead of loading, e.g. 'fc.*' for a classifier with another number of classes.");

    public Option<string[]> Freeze { get; } = Patterns("--freeze", "Parameters to freeze by name pattern, e.g. '*' for all or 'layer1.*'.");

    public Option<string[]> Unfreeze { get; } = Patterns("--unfreeze", "Parameters to train after --freeze, e.g. 'fc.*' to train the head alone.");

    public Option<string[]> LrGroups { get; } = Patterns("--lr-group", "PATTERN=SCALE: parameters matching PATTERN get SCALE × the base learning rate, e.g. 'layer*=0.1' (first match wins).");

    public Option<string?> Export { get; } = new("--export") { Description = "After training, write the model's weights here (.safetensors for PyTorch, else TorchSharp's format), atomically." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Weights, WeightsSkip, Freeze, Unfreeze, LrGroups, Export })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The parameter groups of <c>--lr-group</c>.</summary>
    /// <exception cref="CliException">A group is not PATTERN=SCALE with a positive scale.</exception>
    public IReadOnlyList<ParameterGroup> Groups(ParseResult parse) => parse.GetValue(LrGroups)!.Select(text =>
    {
        var equals = text.LastIndexOf('=');
        if (equals <= 0 || !double.TryParse(text[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || !(scale > 0))
        {
            throw new CliException(ExitCodes.Usage, $"--lr-group: '{text}' is not PATTERN=SCALE with a positive scale, e.g. 'fc.*=10'.");
        }

        return new ParameterGroup(text[..equals], scale);
    }).ToList();

    /// <summary>Loads <c>--weights</c> and applies <c>--freeze</c> / <c>--unfreeze</c>, telling what it did.</summary>
    /// <exception cref="CliException">The file is missing, malformed or does not fit, or a pattern matches nothing.</exception>
    public void Apply(ParseResult parse, nn.Module model, TextWriter output)
    {
        if (parse.GetValue(Weights) is { } path)
        {
            var report = Load(model, path, parse.GetValue(WeightsSkip)!);
            var kept = report.Skipped.Count == 0 ? string.Empty : $"; kept the model's own {string.Join(", ", report.Skipped)}";
            output.WriteLine($"Loaded {report.Loaded.Count} tensors from {path}{kept}.");
        }

        Patterned("--freeze", () => FineTuning.Freeze(model, parse.GetValue(Freeze)!));
        Patterned("--unfreeze", () => FineTuning.Unfreeze(model, parse.GetValue(Unfreeze)!));
        var parameters = model.parameters().ToList();
        var frozen = parameters.Count(p => !p.requires_grad);
        if (frozen > 0)
        {
            output.WriteLine($"Training {parameters.Count - frozen} of {parameters.Count} parameter tensors; {frozen} are frozen.");
        }
    }

    /// <summary>Writes <c>--export</c> when it was given.</summary>
    public void Save(ParseResult parse, nn.Module model, IReadOnlyDictionary<string, string> metadata, TextWriter output)
    {
        if (parse.GetValue(Export) is { } path)
        {
            ModelWeights.Save(model, path, metadata);
            output.WriteLine($"Exported the weights to {path}.");
        }
    }

    private static WeightLoadReport Load(nn.Module model, string path, string[] skip)
    {
        try
        {
            return ModelWeights.Load(model, path, new WeightLoadOptions { Skip = skip });
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(ExitCodes.Usage, "--weights: " + e.Message, e);
        }
        catch (Exception e) when (e is WeightsMismatchException or InvalidDataException or DamagedFileException)
        {
            throw new CliException(ExitCodes.RunFailed, "--weights: " + e.Message, e);
        }
    }

    private static void Patterned(string option, Func<IReadOnlyList<string>> apply)
    {
        try
        {
            apply();
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"{option}: {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
    }

    /// <summary>An option that takes name patterns, repeated or several per token.</summary>
    internal static Option<string[]> Patterns(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };
}
