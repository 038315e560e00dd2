using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace NetDsl.Benchmarks;

/// <summary>
/// scripts/pytorch_step.py running in a child process with <c>--paced</c>: it warms up when started, then runs one
/// round of timed steps each time <see cref="RunRound"/> asks, so rounds alternate with the .NET side's.
/// </summary>
internal sealed class PyTorchChild : IDisposable
{
    private readonly Process _process;

    private PyTorchChild(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>Starts the script and waits for its warm-up; null (with the reason printed) when it fails.</summary>
    public static PyTorchChild? Start(string label, Options options, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(options.PyTorchScript!);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "--threads", Invariant(options.Threads), "--warmup", Invariant(options.Warmup), "--steps", Invariant(options.Steps), "--paced" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string? version = null;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null && line != "ready")
        {
            if (line.StartsWith("torch=", StringComparison.Ordinal))
            {
                version = line["torch=".Length..];
            }
        }

        if (line is null)
        {
            process.WaitForExit();
            Console.WriteLine($"PyTorch run '{label}' failed (exit {process.ExitCode}): {errors.Result.Trim()}");
            process.Dispose();
            return null;
        }

        return new PyTorchChild($"PyTorch {version} {label}", process);
    }

    /// <summary>Runs one round of timed steps in the child and returns their milliseconds.</summary>
    public List<double> RunRound()
    {
        _process.StandardInput.WriteLine("round");
        _process.StandardInput.Flush();
        var times = new List<double>();
        string? line;
        while ((line = _process.StandardOutput.ReadLine()) != null && line != "round_done")
        {
            if (line.StartsWith("step_ms=", StringComparison.Ordinal))
            {
                times.Add(double.Parse(line["step_ms=".Length..], CultureInfo.InvariantCulture));
            }
        }

        if (line is null)
        {
            throw new InvalidOperationException($"{Name} ended in the middle of a round (exit {(_process.WaitForExit(5000) ? _process.ExitCode : -1)}).");
        }

        return times;
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        _process.WaitForExit();
        _process.Dispose();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
