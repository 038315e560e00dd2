using System.CommandLine;
using NetDsl.Cli.Specs;

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
        var command = new Command("summary", "Print a network's layers with output shapes, parameters and multiply-adds, and the totals.") { target, blocks, format, set, input };
        command.SetAction(parse =>
        {
            var values = NetworkArguments.Parse(parse.GetValue(set)!);
            var size = parse.GetValue(input) is { } text ? NetworkInput.Parse(text) : ((int, int, int)?)null;
            var network = NetworkSpec.Check(
                context,
                parse.GetValue(target)!,
                parse.GetValue(blocks)!,
                "get its summary",
                spec => size is { } dims ? NetworkInput.Apply(NetworkArguments.Apply(spec, values), dims) : NetworkArguments.Apply(spec, values));
            context.Output.Write(SummaryTable.Render(network.Summary, parse.GetValue(format)));
            return ExitCodes.Success;
        });
        return command;
    }
}
