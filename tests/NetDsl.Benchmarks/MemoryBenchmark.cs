using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Zoo;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks;

/// <summary>Resident memory of a long training loop of the generated ResNet-18 (32×32 input), to show it stays flat.</summary>
internal static class MemoryBenchmark
{
    private const int Size = 32;
    private const int Classes = 10;
    private const int SampleEvery = 10;
    private const int ProgressEvery = 100;

    public static int Run(Options options)
    {
        set_num_threads(options.Threads);
        manual_seed(0);
        Console.WriteLine($"## Resident memory: generated ResNet18At32, batch {options.MemoryBatch}, 3×{Size}×{Size}, " +
                          $"{options.MemorySteps} steps, {options.Threads} threads, RSS sampled every {SampleEvery} steps");
        var before = ResidentMiB();
        using var step = new TrainingStep(new ResNet18At32(classes: Classes), new long[] { options.MemoryBatch, 3, Size, Size }, Classes);
        var samples = new (int Step, double MiB)[options.MemorySteps / SampleEvery];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; i <= options.MemorySteps; i++)
        {
            step.Run();
            if (i % SampleEvery == 0)
            {
                samples[i / SampleEvery - 1] = (i, ResidentMiB());
            }

            if (i % ProgressEvery == 0)
            {
                Console.WriteLine($"step {i}: RSS {Format(samples[i / SampleEvery - 1].MiB)} MiB, {Format(watch.Elapsed.TotalSeconds)} s");
            }
        }

        var first = samples[0];
        var middle = samples[samples.Length / 2 - 1];
        var last = samples[^1];
        var max = samples.MaxBy(s => s.MiB);
        Console.WriteLine();
        Console.WriteLine("| when | step | RSS MiB |\n|---|---:|---:|");
        Console.WriteLine($"| before the model was built | 0 | {Format(before)} |");
        Console.WriteLine($"| first sample | {first.Step} | {Format(first.MiB)} |");
        Console.WriteLine($"| middle | {middle.Step} | {Format(middle.MiB)} |");
        Console.WriteLine($"| last | {last.Step} | {Format(last.MiB)} |");
        Console.WriteLine($"| max | {max.Step} | {Format(max.MiB)} |");
        Console.WriteLine();
        Console.WriteLine($"last − first: {Format(last.MiB - first.MiB)} MiB over {last.Step - first.Step} steps; " +
                          $"{Format(watch.Elapsed.TotalSeconds)} s in all ({Format(watch.Elapsed.TotalMilliseconds / options.MemorySteps)} ms/step)");
        return 0;
    }

    /// <summary>VmRSS from /proc/self/status, in MiB.</summary>
    private static double ResidentMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
