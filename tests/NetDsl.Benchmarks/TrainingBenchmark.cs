using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using NetDsl.Zoo;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks;

/// <summary>
/// Times training steps of the generated ResNet-18 (64×64 input) against the hand-written one, alternating
/// step by step so both see the same machine load, then runs the same step in PyTorch in a child process.
/// </summary>
internal static class TrainingBenchmark
{
    private const int Size = 64;
    private const int Classes = 10;

    public static int Run(Options options)
    {
        set_num_threads(options.Threads);
        manual_seed(0);
        Console.WriteLine($"## Training step: ResNet-18, batch {options.Batch}, 3×{Size}×{Size}, {Classes} classes, " +
                          $"SGD(momentum 0.9), {options.Threads} threads, {options.Warmup} warm-up + {options.Steps} timed steps");
        Console.WriteLine($"TorchSharp threads: {get_num_threads()}, {Environment.ProcessorCount} processors, load average before: {LoadAverage()}");

        using var generated = new TrainingStep(new ResNet18At64(classes: Classes), options.Batch, Size, Classes);
        using var handWritten = new TrainingStep(new HandWrittenResNet18(Classes), options.Batch, Size, Classes);
        for (var i = 0; i < options.Warmup; i++)
        {
            generated.Run();
            handWritten.Run();
        }

        var generatedTimes = new List<double>();
        var handWrittenTimes = new List<double>();
        for (var i = 0; i < options.Steps; i++)
        {
            generatedTimes.Add(Time(generated.Run));
            handWrittenTimes.Add(Time(handWritten.Run));
        }

        var rows = new List<StepTimes>
        {
            StepTimes.Of("generated ResNet18At64 (TorchSharp)", generatedTimes),
            StepTimes.Of("hand-written ResNet-18 (TorchSharp)", handWrittenTimes),
        };
        var pytorch = options.PyTorchScript is { } script ? PyTorch(script, options) : null;
        if (pytorch != null)
        {
            rows.Add(pytorch);
        }

        Console.WriteLine();
        StepTimes.PrintHeader();
        foreach (var row in rows)
        {
            Console.WriteLine(row.Row());
        }

        Console.WriteLine();
        // The fastest step is the one least disturbed by other processes; on a loaded machine its ratio is the steadier one.
        Console.WriteLine($"generated / hand-written: {StepTimes.Ratio(rows[0].Median, rows[1].Median)} (medians), " +
                          $"{StepTimes.Ratio(rows[0].Min, rows[1].Min)} (fastest steps)");
        Console.WriteLine(pytorch is null
            ? "generated / PyTorch: not measured (no --pytorch script given)"
            : $"generated / PyTorch: {StepTimes.Ratio(rows[0].Median, pytorch.Median)} (medians), " +
              $"{StepTimes.Ratio(rows[0].Min, pytorch.Min)} (fastest steps)");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static double Time(Action step)
    {
        var watch = Stopwatch.StartNew();
        step();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Runs scripts/pytorch_step.py with the same settings; it prints one "step_ms=..." line per timed step.</summary>
    private static StepTimes? PyTorch(string script, Options options)
    {
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     script, "--batch", options.Batch.ToString(CultureInfo.InvariantCulture), "--size", Size.ToString(CultureInfo.InvariantCulture),
                     "--classes", Classes.ToString(CultureInfo.InvariantCulture), "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
                     "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture), "--steps", options.Steps.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var times = new List<double>();
        string? version = null;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null)
        {
            if (line.StartsWith("step_ms=", StringComparison.Ordinal))
            {
                times.Add(double.Parse(line["step_ms=".Length..], CultureInfo.InvariantCulture));
            }
            else if (line.StartsWith("torch=", StringComparison.Ordinal))
            {
                version = line["torch=".Length..];
            }
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || times.Count == 0)
        {
            Console.WriteLine($"PyTorch run failed (exit {process.ExitCode}): {errors.Result.Trim()}");
            return null;
        }
        return StepTimes.Of($"PyTorch {version} (eager, {options.Python})", times);
    }

    public static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
