using System.CommandLine;
using System.Globalization;
using NetDsl.Cli.Models;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl bench --model X</c>: training images per second of a network on one random batch.</summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var network = new ModelOptions(context);
        var batchSize = new Option<int>("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => 32 };
        var classes = new Option<int>("--classes") { Description = "The network's class count.", DefaultValueFactory = _ => 1000 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first (libtorch picks its kernels in them).", DefaultValueFactory = _ => 5 };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 20 };
        var command = new Command("bench", "Time training steps (forward, cross-entropy, backward, SGD) of a network on one random batch at its input size, and print images per second.")
        {
            network.Model, batchSize, network.Device, classes, warmup, steps, network.Assemblies,
        };
        command.SetAction(parse =>
        {
            RequirePositive(batchSize.Name, parse.GetValue(batchSize));
            RequirePositive(classes.Name, parse.GetValue(classes));
            RequirePositive(steps.Name, parse.GetValue(steps));
            if (parse.GetValue(warmup) < 0)
            {
                throw new CliException(ExitCodes.Usage, "--warmup must be at least 0.");
            }

            var (modelType, input) = network.Resolve(parse);
            var device = DeviceSelection.Resolve(parse.GetValue(network.Device)!);
            return RunGuard.Run(() =>
            {
                Trainer.Seed(0);
                using var model = ModelCatalog.Create(modelType, parse.GetValue(classes));
                var timings = StepBenchmark.Run(model, input, parse.GetValue(batchSize), parse.GetValue(classes), device, parse.GetValue(warmup), parse.GetValue(steps));
                context.Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{modelType.Name} {input}, batch {timings.Batch}, on {device}: {timings.StepMilliseconds.Count} timed steps, median {timings.MedianMilliseconds:F1} ms, {timings.ImagesPerSecond:F1} images/s"));
                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>Fails with a usage error unless <paramref name="value"/> is at least 1.</summary>
    public static void RequirePositive(string option, int value)
    {
        if (value < 1)
        {
            throw new CliException(ExitCodes.Usage, $"{option} must be at least 1.");
        }
    }
}
