using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Cli.Commands;

/// <summary>
/// <c>netdsl compare RUN1 RUN2 … [--out curves.png]</c>: several runs' final and best figures in one table, and their
/// training and validation top-k error per epoch (or against wall time) in one picture.
/// </summary>
internal static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders written by 'netdsl train --out' (or their metrics.jsonl).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Draw the curves into this .png or .svg file." };
        var labels = new Option<string[]>("--label")
        {
            Description = "A name for each run in the table and the legend, in the order of the runs (default: the run folder's name).",
            DefaultValueFactory = _ => [],
        };
        var k = new Option<int>("--k") { Description = "Which top-k error to draw.", DefaultValueFactory = _ => 1 };
        var axis = new Option<string>("--x") { Description = "The horizontal axis: epoch or time (wall time in minutes).", DefaultValueFactory = _ => "epoch" };
        var command = new Command("compare", "Compare training runs: a table of their final and best figures, and their error curves in one picture.") { runs, output, labels, k, axis };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(runs)!;
            var names = parse.GetValue(labels)!;
            if (names.Length != 0 && names.Length != paths.Length)
            {
                throw new CliException(ExitCodes.Usage, $"--label: give one --label per run ({paths.Length}), or none; got {names.Length}.");
            }

            if (parse.GetValue(k) < 1)
            {
                throw new CliException(ExitCodes.Usage, "--k must be at least 1.");
            }

            var xAxis = parse.GetValue(axis)!.ToLowerInvariant() switch
            {
                "epoch" => ComparisonAxis.Epoch,
                "time" => ComparisonAxis.WallTime,
                var other => throw new CliException(ExitCodes.Usage, $"--x: '{other}' is not an axis; use epoch or time."),
            };
            var picture = parse.GetValue(output);
            if (picture is not null && Path.GetExtension(picture).ToLowerInvariant() is not (".png" or ".svg"))
            {
                throw new CliException(ExitCodes.Usage, $"--out: '{picture}' must end in .png or .svg.");
            }

            var histories = paths.Select((path, i) => Load(path, names.Length == 0 ? null : names[i])).ToList();
            if (histories.GroupBy(h => h.Label, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } same)
            {
                throw new CliException(ExitCodes.Usage, $"Two runs are called '{same.Key}'; tell them apart with one --label per run.");
            }

            context.Output.Write(RunComparison.Table(histories));
            if (picture is not null)
            {
                RunComparisonPlot.Write(picture, histories, parse.GetValue(k), xAxis);
                context.Output.WriteLine();
                context.Output.WriteLine($"Wrote the training and validation top-{parse.GetValue(k)} error of {histories.Count} runs to {picture}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static RunHistory Load(string path, string? label)
    {
        try
        {
            return RunHistory.Load(path, label);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, e.Message, e);
        }
    }
}
