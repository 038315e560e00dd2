using System.IO;

namespace NetDsl.Cli.Tests;

/// <summary>Runs <c>netdsl</c> in-process and captures what it writes.</summary>
public static class Cli
{
    public static CliRun Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = new CliApp(output, error).Run(args);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

public sealed record CliRun(int ExitCode, string Output, string Error);
