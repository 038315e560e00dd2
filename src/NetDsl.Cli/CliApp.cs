using System;
using System.CommandLine;
using System.IO;
using NetDsl.Cli.Commands;
using NetDsl.Cli.Specs;
using Spectre.Console;

namespace NetDsl.Cli;

/// <summary>
/// The <c>netdsl</c> command line, runnable in-process: commands write to the given writers and return an exit
/// code (see <see cref="ExitCodes"/>); user errors are one <c>netdsl: error: …</c> line on the error writer.
/// </summary>
public sealed class CliApp
{
    private readonly CliContext _context;

    /// <summary>Creates the command line.</summary>
    /// <param name="output">Where results go (diagnostics, tables, reports).</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="console">The console for live training progress; by default a plain one over <paramref name="output"/>.</param>
    /// <param name="zooDirectory">The zoo's spec folder; by default <c>zoo/</c> beside the tool.</param>
    public CliApp(TextWriter output, TextWriter error, IAnsiConsole? console = null, string? zooDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        console ??= AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        _context = new CliContext(output, error, console, zooDirectory ?? ZooSpecs.DefaultDirectory);
    }

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the exit code.</summary>
    public int Run(string[] args)
    {
        var root = new RootCommand("NetDsl: check, summarise, draw and export .net.yaml networks, train and evaluate them (alone or as ensembles), classify images with them, compare runs, benchmark zoo models, print the spec schema.")
        {
            CheckCommand.Create(_context),
            SummaryCommand.Create(_context),
            ExportCommand.Create(_context),
            DiagramCommand.Create(_context),
            TrainCommand.Create(_context),
            EvalCommand.Create(_context),
            PredictCommand.Create(_context),
            CompareCommand.Create(_context),
            BenchCommand.Create(_context),
            DeviceCheckCommand.Create(_context),
            LibTorchCommand.Create(_context),
            SchemaCommand.Create(_context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                _context.Error.WriteLine("netdsl: error: " + parseError.Message);
            }

            _context.Error.WriteLine("Run 'netdsl --help' or 'netdsl <command> --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = _context.Output,
                Error = _context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CliException e)
        {
            _context.Error.WriteLine("netdsl: error: " + e.Message);
            return e.ExitCode;
        }
    }
}

/// <summary>What every command writes to and reads from.</summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error, IAnsiConsole Console, string ZooDirectory);
