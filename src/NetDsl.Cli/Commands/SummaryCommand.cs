using System.CommandLine;
using NetDsl.Cli.Specs;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl summary &lt;spec | zoo model&gt;</c>: the layer table of one network.</summary>
internal static class SummaryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var target = new NetworkTarget();
        var format = new Option<SummaryFormat>("--format") { Description = "text or markdown.", DefaultValueFactory = _ => SummaryFormat.Text };
        var freeze = TransferOptions.Patterns("--freeze", "Parameters train would freeze, by name pattern (e.g. '*'); adds a Trainable column.");
        var unfreeze = TransferOptions.Patterns("--unfreeze", "Parameters train would train after --freeze (e.g. 'fc.*').");
        var batchSize = new Option<int?>("--batch-size") { Description = "Also estimate the memory of one training step at this batch size." };
        var optimizer = new Option<string>("--optimizer") { Description = "The optimizer the estimate counts state for: sgd, adam, adamw or rmsprop.", DefaultValueFactory = _ => "sgd" };
        var command = new Command("summary", "Print a network's layers with output shapes, parameters and multiply-adds, and the totals.");
        target.AddTo(command);
        foreach (var option in new Option[] { format, freeze, unfreeze, batchSize, optimizer })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var network = target.Check(parse, context, "summary");
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
}
