using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using NetDsl.Cli.Specs;
using NetDsl.Language.Diagnostics;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl summary &lt;spec | zoo model&gt;</c>: the layer table of one network.</summary>
internal static class SummaryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("network") { Description = "A .net.yaml file that declares a network, or a zoo model's name (e.g. resnet50)." };
        var blocks = new Option<string[]>("--blocks")
        {
            Description = "More .net.yaml files or folders whose blocks the network uses.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var format = new Option<SummaryFormat>("--format") { Description = "text or markdown.", DefaultValueFactory = _ => SummaryFormat.Text };
        var set = new Option<string[]>("--set")
        {
            Description = "A network parameter's value instead of its default, as name=value (e.g. depth=56); may be repeated.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var input = new Option<string?>("--input") { Description = "Another input size the network accepts, as C,H,W (e.g. 3,32,32); default: its nominal input." };
        var freeze = TransferOptions.Patterns("--freeze", "Parameters train would freeze, by name pattern (e.g. '*'); adds a Trainable column.");
        var unfreeze = TransferOptions.Patterns("--unfreeze", "Parameters train would train after --freeze (e.g. 'fc.*').");
        var batchSize = new Option<int?>("--batch-size") { Description = "Also estimate the memory of one training step at this batch size." };
        var optimizer = new Option<string>("--optimizer") { Description = "The optimizer the estimate counts state for: sgd, adam, adamw or rmsprop.", DefaultValueFactory = _ => "sgd" };
        var command = new Command("summary", "Print a network's layers with output shapes, parameters and multiply-adds, and the totals.") { target, blocks, format, set, input, freeze, unfreeze, batchSize, optimizer };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(target)!;
            var (file, files) = Locate(name, context.ZooDirectory);
            var values = NetworkArguments.Parse(parse.GetValue(set)!);
            var size = parse.GetValue(input) is { } text ? NetworkInput.Parse(text) : ((int, int, int)?)null;
            var checkedSet = SpecSet.Check(
                [.. files, .. SpecSet.Expand(parse.GetValue(blocks)!).Where(f => !files.Contains(f))],
                adjust: spec => spec.Path != file ? spec : size is { } dims ? NetworkInput.Apply(NetworkArguments.Apply(spec, values), dims) : NetworkArguments.Apply(spec, values));
            if (checkedSet.HasErrors)
            {
                foreach (var diagnostic in checkedSet.Diagnostics)
                {
                    context.Error.WriteLine(diagnostic.ToString());
                }

                context.Error.WriteLine($"netdsl: error: '{file}' has errors; fix them (see 'netdsl check') to get its summary.");
                return ExitCodes.SpecErrors;
            }

            var network = checkedSet.Networks.FirstOrDefault(n => n.Path == file)
                ?? throw new CliException(ExitCodes.Usage, $"'{file}' declares no network (it holds only blocks or its network has parameters without defaults); pass the file with 'network:', and block files with --blocks.");
            var (freezing, unfreezing) = (parse.GetValue(freeze)!, parse.GetValue(unfreeze)!);
            var trainability = Trainability.Apply(ParameterTensors.Of(network.Summary), freezing, unfreezing);
            context.Output.Write(SummaryTable.Render(network.Summary, parse.GetValue(format), freezing.Length + unfreezing.Length > 0 ? trainability : null));
            if (parse.GetValue(batchSize) is { } batch)
            {
                if (batch < 1)
                {
                    throw new CliException(ExitCodes.Usage, "--batch-size must be at least 1.");
                }

                var algorithm = parse.GetValue(optimizer)!;
                var memory = StepMemory.Estimate(network.Summary, trainability.TrainableParameters, batch, algorithm, TrainCommand.Optimizer(algorithm, null, TrainCommand.DefaultMomentum, null));
                context.Output.Write("\n" + memory.Render(parse.GetValue(format)));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (string File, string[] Files) Locate(string name, string zooDirectory)
    {
        if (File.Exists(name))
        {
            return (name, [name]);
        }

        if (name.EndsWith(SpecSet.Extension, StringComparison.OrdinalIgnoreCase) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.Usage, $"The spec '{name}' does not exist.");
        }

        var zoo = new ZooSpecs(zooDirectory);
        if (zoo.FileOf(name) is { } file)
        {
            return (file, [.. zoo.Files]);
        }

        if (zoo.Networks.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, $"'{name}' is not a file, and the zoo's specs are not in '{zooDirectory}' (they are copied there when the tool is built).");
        }

        var nearest = Suggestions.Nearest(name, zoo.Networks);
        throw new CliException(
            ExitCodes.Usage,
            $"'{name}' is neither a file nor a zoo model.{(nearest is null ? string.Empty : $" Did you mean '{nearest}'?")} Zoo models: {string.Join(", ", zoo.Networks)}.");
    }
}
