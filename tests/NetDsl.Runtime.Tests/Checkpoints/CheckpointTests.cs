using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using Xunit;

namespace NetDsl.Runtime.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public sealed class CheckpointTests
{
    private static readonly ImageSet Train = Synthetic.Bands(96, classes: 2, size: 8, seed: 5);
    private static readonly ImageSet Validation = Synthetic.Bands(32, classes: 2, size: 8, seed: 6);

    private static TrainerOptions Options(string directory, int epochs) => new()
    {
        Epochs = epochs,
        Device = "cpu",
        Seed = 11,
        CheckpointDirectory = directory,
        Optimizer = OptimizerSettings.Sgd(0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3),
        Schedule = new WarmupSchedule(0.5, new CosineSchedule(4)),
        GradientClipNorm = 2,
    };

    private static BatchLoader Loader() =>
        new(Train, 16, new ImagePipeline(Train.Shape, new RandomCrop(8, 8, 1), new HorizontalFlip()), shuffle: true, seed: 11);

    [Fact]
    public void ResumingGivesTheSameContinuationAsAnUninterruptedRun()
    {
        using var straightDir = new TempDirectory();
        using var resumedDir = new TempDirectory();

        Trainer.Seed(7);
        using var straight = new TinyNet(2, dropout: 0.3);
        using (var trainer = new Trainer(straight, Options(straightDir.Path, epochs: 4)))
        {
            trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        }

        Trainer.Seed(7);
        using (var first = new TinyNet(2, dropout: 0.3))
        using (var trainer = new Trainer(first, Options(resumedDir.Path, epochs: 2)))
        {
            trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        }

        Trainer.Seed(12345);
        using var resumed = new TinyNet(2, dropout: 0.3);
        using (var trainer = new Trainer(resumed, Options(resumedDir.Path, epochs: 4)))
        {
            var result = trainer.Fit(Loader(), new BatchLoader(Validation, 16));
            Assert.Equal([0, 1, 2, 3], result.Epochs.Select(e => e.Epoch));
        }

        var expected = Parameters.Snapshot(straight);
        var actual = Parameters.Snapshot(resumed);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, values) in expected)
        {
            Assert.True(values.SequenceEqual(actual[name]), $"{name} differs after resuming");
        }
    }

    [Fact]
    public void KeepsLastAndBestAndRestoresTheState()
    {
        using var dir = new TempDirectory();
        Trainer.Seed(8);
        using var model = new TinyNet(2);
        using var trainer = new Trainer(model, Options(dir.Path, epochs: 2));

        var result = trainer.Fit(Loader(), new BatchLoader(Validation, 16));

        Assert.True(File.Exists(Path.Combine(dir.Path, "last.ckpt")));
        Assert.Equal(Path.Combine(dir.Path, "best.ckpt"), result.BestCheckpoint);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*"));
        using var restored = new TinyNet(2);
        var state = CheckpointStore.Load(Path.Combine(dir.Path, "last.ckpt"), restored, optimizer: null);
        Assert.Equal(2, state.CompletedEpochs);
        Assert.Equal(12, state.GlobalStep);
        Assert.Equal(2, state.History.Count);
        Assert.Equal(Parameters.Snapshot(model)["fc.weight"], Parameters.Snapshot(restored)["fc.weight"]);
    }

    [Fact]
    public void CheckpointsCarryThePredictionMetadataTheTrainerWasGiven()
    {
        using var withDir = new TempDirectory();
        using var withoutDir = new TempDirectory();
        var prediction = new PredictionMetadata { ClassNames = ["low", "high"], Mean = [0.5f], Std = [0.25f], Input = Train.Shape, DataShape = Train.Shape };

        using (var model = new TinyNet(2))
        using (var trainer = new Trainer(model, Options(withDir.Path, epochs: 1) with { Prediction = prediction }))
        {
            trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        }

        using (var model = new TinyNet(2))
        using (var trainer = new Trainer(model, Options(withoutDir.Path, epochs: 1)))
        {
            trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        }

        foreach (var file in new[] { "last.ckpt", "best.ckpt" })
        {
            var read = CheckpointStore.Inspect(Path.Combine(withDir.Path, file)).Prediction;
            Assert.NotNull(read);
            Assert.Equal(prediction.ClassNames, read.ClassNames!);
            Assert.Equal(prediction.Mean, read.Mean!);
            Assert.Equal(prediction.Std, read.Std!);
            Assert.Equal(Train.Shape, read.Input);
            Assert.Equal(Train.Shape, read.DataShape);
            Assert.Null(CheckpointStore.Inspect(Path.Combine(withoutDir.Path, file)).Prediction);
        }
    }

    [Fact]
    public void AFailureWhileSavingLeavesThePreviousCheckpointLoadable()
    {
        using var dir = new TempDirectory();
        Trainer.Seed(9);
        using var model = new TinyNet(2);
        using var trainer = new Trainer(model, Options(dir.Path, epochs: 1));
        trainer.Fit(Loader());
        var before = File.ReadAllBytes(Path.Combine(dir.Path, "last.ckpt"));

        var failing = new CheckpointStore(dir.Path, path => new FailingStream(File.Create(path), failAfter: 300));
        var state = new CheckpointState(5, 99, 4, 0.9, []);
        Assert.Throws<IOException>(() => failing.Save(state, model, trainer.Optimizer, isBest: true));

        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir.Path, "last.ckpt")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*"));
        using var restored = new TinyNet(2);
        Assert.Equal(1, CheckpointStore.Load(Path.Combine(dir.Path, "last.ckpt"), restored, null).CompletedEpochs);
    }

    [Fact]
    public void ATruncatedCheckpointIsRejectedBeforeTouchingTheModel()
    {
        using var dir = new TempDirectory();
        Trainer.Seed(10);
        using var model = new TinyNet(2);
        using (var trainer = new Trainer(model, Options(dir.Path, epochs: 1)))
        {
            trainer.Fit(Loader());
        }

        var path = Path.Combine(dir.Path, "last.ckpt");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        using var other = new TinyNet(2);
        var untouched = Parameters.Snapshot(other);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointStore.Load(path, other, null));

        Assert.Contains("truncated", e.Message);
        Assert.Equal(untouched["conv.weight"], Parameters.Snapshot(other)["conv.weight"]);
    }

    [Fact]
    public void NaNLossStopsTrainingNamingTheStepAndKeepsTheLastGoodCheckpoint()
    {
        using var dir = new TempDirectory();
        Trainer.Seed(11);
        using var inner = new TinyNet(2);
        using var model = new NaNAfter(inner, calls: 8);
        using var trainer = new Trainer(model, Options(dir.Path, epochs: 3));

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Loader()));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(8, e.Step);
        Assert.Equal(2, e.Batch);
        Assert.Contains("epoch 1, step 8", e.Message);
        Assert.Equal(Path.Combine(dir.Path, "last.ckpt"), e.LastCheckpoint);
        using var restored = new NaNAfter(new TinyNet(2), calls: 0);
        var state = CheckpointStore.Load(e.LastCheckpoint!, restored, null);
        Assert.Equal(1, state.CompletedEpochs);
        Assert.All(Parameters.Snapshot(restored).Values.SelectMany(v => v), v => Assert.True(float.IsFinite(v)));
    }
}
