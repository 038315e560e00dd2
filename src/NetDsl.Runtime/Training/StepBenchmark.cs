using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using NetDsl.Runtime.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>The timed steps of a <see cref="StepBenchmark"/> run.</summary>
/// <param name="Batch">Images per step.</param>
/// <param name="StepMilliseconds">The wall time of each timed step, in order.</param>
public sealed record StepTimings(int Batch, IReadOnlyList<double> StepMilliseconds)
{
    /// <summary>The median step time.</summary>
    public double MedianMilliseconds
    {
        get
        {
            var sorted = StepMilliseconds.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <summary>Training images per second over all timed steps.</summary>
    public double ImagesPerSecond => Batch * StepMilliseconds.Count / (StepMilliseconds.Sum() / 1000);
}

/// <summary>
/// Times training steps (forward, cross-entropy, backward, SGD update) of a classifier on one random batch held
/// on the device, so the figure is the network's and libtorch's, not the data pipeline's. On CUDA every step
/// ends with <c>torch.cuda.synchronize()</c>, so a step's time includes its kernels.
/// </summary>
public static class StepBenchmark
{
    /// <summary>Runs <paramref name="warmupSteps"/> untimed steps, then <paramref name="timedSteps"/> timed ones.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive (warm-up may be 0).</exception>
    public static StepTimings Run(nn.Module<Tensor, Tensor> model, ImageShape input, int batch, int classes, Device device, int warmupSteps, int timedSteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timedSteps);
        using var fixedBatch = FixedBatch.Create(input, batch, classes, seed: 0, device);
        model.to(device);
        model.train();
        using var optimizer = FixedBatch.Sgd(model, 0.01);
        var times = new List<double>(timedSteps);
        for (var i = 0; i < warmupSteps + timedSteps; i++)
        {
            var watch = Stopwatch.StartNew();
            fixedBatch.Step(model, optimizer);
            if (device.type == DeviceType.CUDA)
            {
                torch.cuda.synchronize();
            }

            if (i >= warmupSteps)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return new StepTimings(batch, times);
    }
}
