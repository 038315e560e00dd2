using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace NetDsl.Testing;

/// <summary>Runs programs and captures both of their output streams (linked into the test projects that need it).</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Output, string Error) Run(
        string program, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Process.Start(StartInfo(program, arguments, workingDirectory, environment))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>
    /// Starts a program and collects what it writes into <paramref name="output"/> and <paramref name="error"/> in the
    /// background (lock a builder to read it meanwhile); the caller waits for it or kills it.
    /// </summary>
    public static Process Start(string program, IEnumerable<string> arguments, StringBuilder output, StringBuilder error, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = new Process { StartInfo = StartInfo(program, arguments, null, environment) };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
