using System.CommandLine;
using System.Globalization;
using NetDsl.Cli.Models;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl device-check --model X --device cuda</c>: one training step on the device and on the CPU must agree.</summary>
internal static class DeviceCheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var network = new ModelOptions(context);
        var reference = new Option<string>("--reference") { Description = "The device to compare with.", DefaultValueFactory = _ => "cpu" };
        var batchSize = new Option<int>("--batch-size") { Description = "Images in the batch.", DefaultValueFactory = _ => 8 };
        var classes = new Option<int>("--classes") { Description = "The network's class count.", DefaultValueFactory = _ => 10 };
        var tolerance = new Option<double>("--tolerance") { Description = "The largest relative difference of a state-dict tensor (‖a − b‖ / ‖a‖) that passes.", DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the batch.", DefaultValueFactory = _ => 0 };
        var command = new Command("device-check", "Run one SGD step of a network on --device and on --reference from the same weights and batch, and compare the parameters and batch-norm statistics afterwards; exit code 4 above --tolerance.")
        {
            network.Model, network.Device, reference, batchSize, classes, tolerance, seed, network.Assemblies,
        };
        command.SetAction(parse =>
        {
            BenchCommand.RequirePositive(batchSize.Name, parse.GetValue(batchSize));
            BenchCommand.RequirePositive(classes.Name, parse.GetValue(classes));
            var (modelType, input) = network.Resolve(parse);
            var device = DeviceSelection.Resolve(parse.GetValue(network.Device)!);
            var against = DeviceSelection.Resolve(parse.GetValue(reference)!);
            return RunGuard.Run(() =>
            {
                var result = DeviceAgreement.Compare(
                    () =>
                    {
                        Trainer.Seed(parse.GetValue(seed));
                        return ModelCatalog.Create(modelType, parse.GetValue(classes));
                    },
                    input,
                    parse.GetValue(batchSize),
                    parse.GetValue(classes),
                    against,
                    device,
                    parse.GetValue(seed));
                var limit = parse.GetValue(tolerance);
                var pass = result.StateDifference <= limit;
                context.Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{modelType.Name} {input}, batch {parse.GetValue(batchSize)}, one SGD step on {device} and on {against}: loss {result.OtherLoss:F6} and {result.ReferenceLoss:F6}; state differs by at most {result.StateDifference:0.00e+00} relative ({result.WorstState}), the step's update by {result.UpdateDifference:0.00e+00} ({result.WorstUpdate}); tolerance {limit:0e+00}: {(pass ? "pass" : "FAIL")}"));
                return pass ? ExitCodes.Success : ExitCodes.RunFailed;
            });
        });
        return command;
    }
}
