using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using NetDsl.Samples.FashionMnist;
using NetDsl.Zoo;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks;

/// <summary>
/// Times training steps of generated networks against PyTorch on the same CPU: FashionResNet (the main job's
/// network, batch 128 of 1×28×28, SGD with Nesterov momentum) and ResNet-18 at 64×64 (with the hand-written
/// TorchSharp ResNet-18 beside the generated one), each generated network also with an NHWC-strided batch. PyTorch runs in child processes, in NCHW and in channels_last;
/// rounds of steps alternate between .NET and each child, so every engine sees the same machine load.
/// </summary>
internal static class TrainingBenchmark
{
    private const int Classes = 10;
    private const int FashionBatch = 128;
    private const int ResNetSize = 64;

    public static int Run(Options options)
    {
        set_num_threads(options.Threads);
        manual_seed(0);
        var peak = CpuPeak.Read(options.Threads);
        Console.WriteLine($"## Training steps, {options.Threads} threads, {options.Warmup} warm-up steps, then {options.Rounds} rounds of " +
                          $"{options.Steps} timed steps per engine, rounds alternating between engines");
        Console.WriteLine($"TorchSharp threads: {get_num_threads()}, {Environment.ProcessorCount} processors, load average before: {LoadAverage()}");
        Console.WriteLine(peak is null ? "peak: unknown (no clock in /proc/cpuinfo)" : $"peak: {peak.Description}");

        var rows = new List<Row>();
        var fashionShape = new long[] { FashionBatch, 1, 28, 28 };
        rows.AddRange(RunCase(
            options,
            $"FashionResNet, batch {FashionBatch} of 1×28×28, SGD Nesterov momentum 0.9",
            FashionBatch,
            FlopsPerStep(FashionResNet.MultiplyAdds, FashionBatch),
            [
                ("generated FashionResNet (TorchSharp)", new TrainingStep(new FashionResNet(classes: Classes), fashionShape, Classes, nesterov: true)),
                ("generated FashionResNet (TorchSharp, NHWC-strided input)",
                    new TrainingStep(new FashionResNet(classes: Classes), fashionShape, Classes, nesterov: true, channelsLast: true)),
            ],
            ["--net", "fashion", "--batch", Invariant(FashionBatch), "--classes", Invariant(Classes), "--nesterov"]));
        var resNetShape = new long[] { options.Batch, 3, ResNetSize, ResNetSize };
        rows.AddRange(RunCase(
            options,
            $"ResNet-18, batch {options.Batch} of 3×{ResNetSize}×{ResNetSize}, SGD momentum 0.9",
            options.Batch,
            FlopsPerStep(ResNet18At64.MultiplyAdds, options.Batch),
            [
                ("generated ResNet18At64 (TorchSharp)", new TrainingStep(new ResNet18At64(classes: Classes), resNetShape, Classes)),
                ("hand-written ResNet-18 (TorchSharp)", new TrainingStep(new HandWrittenResNet18(Classes), resNetShape, Classes)),
                ("generated ResNet18At64 (TorchSharp, NHWC-strided input)", new TrainingStep(new ResNet18At64(classes: Classes), resNetShape, Classes, channelsLast: true)),
            ],
            ["--net", "resnet18", "--batch", Invariant(options.Batch), "--size", Invariant(ResNetSize), "--classes", Invariant(Classes)]));

        Console.WriteLine();
        Console.WriteLine("| network | engine | median ms/step | min | max | images/s | GFLOP/s | of peak | steps |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var gflops = row.FlopsPerStep / (row.Times.Median / 1000) / 1e9;
            var ofPeak = peak is null ? "n/a" : (gflops / peak.GigaflopsPerSecond).ToString("0%", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {row.Network} | {row.Times.Name} | {StepTimes.Format(row.Times.Median)} | {StepTimes.Format(row.Times.Min)} | " +
                              $"{StepTimes.Format(row.Times.Max)} | {(row.Batch / (row.Times.Median / 1000)).ToString("0", CultureInfo.InvariantCulture)} | " +
                              $"{gflops.ToString("0", CultureInfo.InvariantCulture)} | {ofPeak} | {row.Times.Steps} |");
        }

        Console.WriteLine();
        Console.WriteLine("GFLOP/s: forward + backward ≈ 3 × the forward's multiply-adds × 2 FLOPs, per image, at the median step time.");
        // The fastest step is the one least disturbed by other processes; on a loaded machine its ratio is the steadier one.
        foreach (var network in rows.Select(r => r.Network).Distinct())
        {
            var ofNetwork = rows.Where(r => r.Network == network).ToArray();
            var generated = ofNetwork[0].Times;
            foreach (var other in ofNetwork.Skip(1))
            {
                Console.WriteLine($"{network}: {generated.Name} / {other.Times.Name}: {StepTimes.Ratio(generated.Median, other.Times.Median)} (medians), " +
                                  $"{StepTimes.Ratio(generated.Min, other.Times.Min)} (fastest steps)");
            }
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    public static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static double FlopsPerStep(long multiplyAdds, int batch) => 3.0 * 2 * multiplyAdds * batch;

    private static List<Row> RunCase(
        Options options, string network, int batch, double flopsPerStep, (string Name, TrainingStep Step)[] dotnet, string[] pytorchArguments)
    {
        Console.WriteLine($"{network}: warming up");
        var children = new List<PyTorchChild>();
        try
        {
            if (options.PyTorchScript is not null)
            {
                foreach (var (label, layout) in new[] { ("NCHW", Array.Empty<string>()), ("channels_last", new[] { "--channels-last" }) })
                {
                    if (PyTorchChild.Start(label, options, pytorchArguments.Concat(layout)) is { } child)
                    {
                        children.Add(child);
                    }
                }
            }

            for (var i = 0; i < options.Warmup; i++)
            {
                foreach (var (_, step) in dotnet)
                {
                    step.Run();
                }
            }

            var dotnetTimes = dotnet.Select(_ => new List<double>()).ToArray();
            var childTimes = children.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var i = 0; i < options.Steps; i++)
                {
                    for (var d = 0; d < dotnet.Length; d++)
                    {
                        dotnetTimes[d].Add(Time(dotnet[d].Step.Run));
                    }
                }

                for (var c = 0; c < children.Count; c++)
                {
                    childTimes[c].AddRange(children[c].RunRound());
                }

                Console.WriteLine($"{network}: round {round + 1} of {options.Rounds} done, load average {LoadAverage()}");
            }

            var phases = Enumerable.Range(0, options.Steps).Select(_ => dotnet[0].Step.RunPhases()).ToArray();
            Console.WriteLine($"{network}: {dotnet[0].Name} phases (medians of {phases.Length} steps): " +
                              $"forward + loss {StepTimes.Format(StepTimes.MedianOf(phases.Select(p => p.Forward)))} ms, " +
                              $"backward {StepTimes.Format(StepTimes.MedianOf(phases.Select(p => p.Backward)))} ms, " +
                              $"optimizer step {StepTimes.Format(StepTimes.MedianOf(phases.Select(p => p.Update)))} ms");

            var rows = dotnet.Select((d, i) => new Row(network, batch, flopsPerStep, StepTimes.Of(d.Name, dotnetTimes[i]))).ToList();
            rows.AddRange(children.Select((c, i) => new Row(network, batch, flopsPerStep, StepTimes.Of(c.Name, childTimes[i]))));
            return rows;
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }

            foreach (var (_, step) in dotnet)
            {
                step.Dispose();
            }
        }
    }

    private static double Time(Action step)
    {
        var watch = Stopwatch.StartNew();
        step();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(string Network, int Batch, double FlopsPerStep, StepTimes Times);
}
