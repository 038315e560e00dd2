using System;
using System.CommandLine;
using System.Linq;
using NetDsl.Cli.Commands.Export;
using NetDsl.Cli.Specs;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl export &lt;spec | zoo model&gt; --to TARGET --out PATH</c>: a network for another engine, written by the target <c>--to</c> names.</summary>
internal static class ExportCommand
{
    /// <summary>Builds the command with every target's options.</summary>
    public static Command Create(CliContext context)
    {
        IExportTarget[] targets = [new PyTorchTarget(context), new OnnxTarget(context)];
        var names = string.Join(", ", targets.Select(t => t.Name));
        var target = new Argument<string>("network") { Description = "A .net.yaml file that declares a network, or a zoo model's name (e.g. resnet50)." };
        var blocks = new Option<string[]>("--blocks")
        {
            Description = "More .net.yaml files or folders whose blocks the network uses.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var to = new Option<string>("--to") { Description = "The target: " + names + ".", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write (" + string.Join("; ", targets.Select(t => t.Name + ": " + t.Writes)) + ").", Required = true };
        var command = new Command("export", $"Write a network for another engine (--to {names}), printed from its resolved plan.") { target, blocks, to, output };
        foreach (var option in targets.SelectMany(t => t.Options))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var name = parse.GetValue(to)!;
            var chosen = targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException(ExitCodes.Usage, $"--to: unknown target '{name}'; use {names}.");
            var network = NetworkSpec.Check(context, parse.GetValue(target)!, parse.GetValue(blocks)!, "export it");
            return chosen.Write(parse, new ExportRequest(network, parse.GetValue(output)!));
        });
        return command;
    }
}
