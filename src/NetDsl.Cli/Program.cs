using System;
using Spectre.Console;

namespace NetDsl.Cli;

/// <summary>The entry point of <c>netdsl</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    public static int Main(string[] args) => new CliApp(Console.Out, Console.Error, AnsiConsole.Console).Run(args);
}
