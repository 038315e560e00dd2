using System;
using System.IO;
using System.Linq;
using System.Threading;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using Xunit;

namespace NetDsl.Runtime.Tests.Checkpoints;

/// <summary>A run stopped at any step and resumed ends bit for bit where the uninterrupted run ends.</summary>
[Collection(TorchCollection.Name)]
public sealed class MidEpochResumeTests
{
    private const int Epochs = 3;
    private static readonly ImageSet Train = Synthetic.Bands(96, classes: 2, size: 8, seed: 5);
    private static readonly ImageSet Validation = Synthetic.Bands(32, classes: 2, size: 8, seed: 6);

    [Theory]
    [InlineData(OptimizerKind.Sgd, 6)]
    [InlineData(OptimizerKind.AdamW, 10)]
    [InlineData(OptimizerKind.RmsProp, 17)]
    public void AStoppedRunResumesExactlyAtTheStepItStopped(OptimizerKind kind, int stopAfter)
    {
        using var straightDir = new TempDirectory();
        using var stoppedDir = new TempDirectory();
        var (straight, straightResult) = Run(straightDir.Path, kind);

        using var stop = new CancellationTokenSource();
        var e = Assert.Throws<TrainingInterruptedException>(() => Run(stoppedDir.Path, kind, new StopAt(stopAfter, stop), stop.Token));
        Assert.Equal(stopAfter, e.Position.GlobalStep);
        Assert.Equal(stopAfter % 6 == 0 ? 6 : stopAfter % 6, e.Position.EpochBatches);
        Assert.Contains($"(step {stopAfter}) as asked", e.Message);
        Assert.Equal(stopAfter, CheckpointStore.Inspect(e.Checkpoint!).GlobalStep);
        var (resumed, resumedResult) = Run(stoppedDir.Path, kind, seed: 999);

        AssertSameWeights(straight, resumed);
        Assert.Equal(straightResult.Epochs.Select(r => Figures(r.Train)), resumedResult.Epochs.Select(r => Figures(r.Train)));
        Assert.Equal(straightResult.Epochs.Select(r => Figures(r.Validation!)), resumedResult.Epochs.Select(r => Figures(r.Validation!)));
        straight.Dispose();
        resumed.Dispose();
    }

    [Fact]
    public void CheckpointEveryWritesMidEpochCheckpointsThatResumeExactly()
    {
        using var straightDir = new TempDirectory();
        using var killedDir = new TempDirectory();
        var (straight, _) = Run(straightDir.Path, OptimizerKind.Sgd);

        // Keep the checkpoint written at step 8 (epoch 2, batch 2), as a run killed just after it would have.
        var kept = Path.Combine(killedDir.Path, "kept.ckpt");
        Run(killedDir.Path, OptimizerKind.Sgd, new CopyAt(9, Path.Combine(killedDir.Path, "last.ckpt"), kept), checkpointEvery: 4).Model.Dispose();
        var state = CheckpointStore.Inspect(kept);
        Assert.Equal((1, 2, 8L, 6), (state.CompletedEpochs, state.EpochBatches, state.GlobalStep, state.BatchesPerEpoch));
        Assert.Equal("epoch 2, batch 2 of 6 (step 8)", state.Position);
        Assert.NotNull(state.EpochMetrics);
        File.Copy(kept, Path.Combine(killedDir.Path, "last.ckpt"), overwrite: true);

        var (resumed, _) = Run(killedDir.Path, OptimizerKind.Sgd, seed: 999, checkpointEvery: 4);

        AssertSameWeights(straight, resumed);
        straight.Dispose();
        resumed.Dispose();
    }

    [Fact]
    public void AMidEpochCheckpointDoesNotResumeWithAnotherBatchSize()
    {
        using var dir = new TempDirectory();
        using var stop = new CancellationTokenSource();
        Assert.Throws<TrainingInterruptedException>(() => Run(dir.Path, OptimizerKind.Sgd, new StopAt(4, stop), stop.Token));
        Trainer.Seed(7);
        using var model = new TinyNet(2, dropout: 0.3);
        using var trainer = new Trainer(model, Options(dir.Path, OptimizerKind.Sgd, null, []));

        var e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(new BatchLoader(Train, 32, shuffle: true, seed: 11)));

        Assert.Contains("stopped at epoch 1, batch 4 of 6 (step 4), but this run's epochs have 3 batches", e.Message);
        Assert.Contains("--batch-size", e.Message);
    }

    private static (TinyNet Model, TrainingResult Result) Run(
        string directory, OptimizerKind kind, ITrainingObserver? observer = null, CancellationToken stop = default, int seed = 7, int? checkpointEvery = null)
    {
        Trainer.Seed(seed);
        var model = new TinyNet(2, dropout: 0.3);
        using var trainer = new Trainer(model, Options(directory, kind, checkpointEvery, observer is null ? [] : [observer]));
        var loader = new BatchLoader(Train, 16, new ImagePipeline(Train.Shape, new RandomCrop(8, 8, 1), new HorizontalFlip()), shuffle: true, seed: 11);
        return (model, trainer.Fit(loader, new BatchLoader(Validation, 16), stop));
    }

    private static TrainerOptions Options(string directory, OptimizerKind kind, int? checkpointEvery, ITrainingObserver[] observers) => new()
    {
        Epochs = Epochs,
        Device = "cpu",
        Seed = 11,
        CheckpointDirectory = directory,
        CheckpointEvery = checkpointEvery,
        Optimizer = new OptimizerSettings(kind, kind == OptimizerKind.Sgd ? 0.05 : 0.005, Momentum: 0.9, Nesterov: kind == OptimizerKind.Sgd, WeightDecay: 1e-3),
        Schedule = new WarmupSchedule(0.5, new CosineSchedule(Epochs)),
        GradientClipNorm = 2,
        Observers = observers,
    };

    private static (double Loss, double Accuracy, string TopErrors, long Count) Figures(NetDsl.Runtime.Metrics.MetricsSummary m) => (m.Loss, m.Accuracy, string.Join(", ", m.TopErrors), m.Count);

    private static void AssertSameWeights(TinyNet expected, TinyNet actual)
    {
        var (a, b) = (Parameters.Snapshot(expected), Parameters.Snapshot(actual));
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, values) in a)
        {
            Assert.True(values.SequenceEqual(b[name]), $"{name} differs after resuming");
        }
    }

    /// <summary>Asks training to stop once <c>steps</c> steps are done, as Ctrl-C would.</summary>
    private sealed class StopAt(int steps, CancellationTokenSource stop) : ITrainingObserver
    {
        public void OnBatch(BatchReport batch)
        {
            if (batch.Step + 1 == steps)
            {
                stop.Cancel();
            }
        }
    }

    /// <summary>Copies a file aside when step <c>step</c> starts, i.e. right after the previous step's checkpoint.</summary>
    private sealed class CopyAt(long step, string from, string to) : ITrainingObserver
    {
        public void OnBatch(BatchReport batch)
        {
            if (batch.Step + 1 == step)
            {
                File.Copy(from, to);
            }
        }
    }
}
