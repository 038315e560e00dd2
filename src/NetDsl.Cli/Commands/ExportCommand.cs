using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using NetDsl.Cli.Commands.Export;
using NetDsl.Cli.Specs;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl export &lt;spec | zoo model&gt; --to pytorch --out DIR</c>: a network for another engine, written by that target's exporter.</summary>
internal static class ExportCommand
{
    /// <summary>The targets, each writing a checked network into an output folder.</summary>
    private static readonly Dictionary<string, Action<ExportRequest>> Targets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pytorch"] = PyTorchExport.Write,
    };

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
        var to = new Option<string>("--to") { Description = "The target: " + string.Join(", ", Targets.Keys) + ".", Required = true };
        var output = new Option<string>("--out") { Description = "The folder to write into; it must be new or empty unless --force.", Required = true };
        var force = new Option<bool>("--force") { Description = "Write into a folder that is not empty, replacing the files of the same names." };
        var command = new Command("export", "Write a network for another engine: --to pytorch writes a torch.nn module and a torchrun trainer.") { target, blocks, to, output, force };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(to)!;
            if (!Targets.TryGetValue(name, out var export))
            {
                throw new CliException(ExitCodes.Usage, $"--to: unknown target '{name}'; use {string.Join(" or ", Targets.Keys)}.");
            }

            var network = NetworkSpec.Check(context, parse.GetValue(target)!, parse.GetValue(blocks)!, "export it");
            var folder = parse.GetValue(output)!;
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !parse.GetValue(force))
            {
                throw new CliException(ExitCodes.Usage, $"--out: '{folder}' exists and is not empty; choose a new folder, or pass --force to replace the files of the same names in it.");
            }

            Directory.CreateDirectory(folder);
            export(new ExportRequest(network, folder, context.Output));
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>What a target's exporter gets: the checked network and the folder to write into (it exists).</summary>
internal sealed record ExportRequest(CheckedNetwork Network, string Folder, TextWriter Output);
