using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class WeightAverageTests
{
    private static readonly ImageSet Train = Data.Synthetic.Bands(96, classes: 2, size: 8, seed: 5);
    private static readonly ImageSet Validation = Data.Synthetic.Bands(32, classes: 2, size: 8, seed: 6);

    private static TrainerOptions Options(string directory, int epochs, double? decay = 0.9) => new()
    {
        Epochs = epochs,
        Device = "cpu",
        Seed = 11,
        CheckpointDirectory = directory,
        Optimizer = OptimizerSettings.Sgd(0.05, momentum: 0.9, nesterov: true),
        Schedule = new CosineSchedule(4),
        WeightAverageDecay = decay,
    };

    private static BatchLoader Loader() =>
        new(Train, 16, new ImagePipeline(Train.Shape, new RandomCrop(8, 8, 1), new HorizontalFlip()), shuffle: true, seed: 11);

    [Fact]
    public void TheAverageFollowsTheRampedDecayAndCopiesIntegerBuffers()
    {
        using var norm = nn.BatchNorm1d(1);
        using (torch.no_grad())
        {
            norm.weight!.fill_(2);
        }

        using var average = new WeightAverage(norm, decay: 0.9);
        Set(norm, weight: 12, tracked: 5);
        average.Update(step: 0);   // decay min(0.9, 1/10) = 0.1: 0.1 · 2 + 0.9 · 12 = 11
        Set(norm, weight: 0, tracked: 7);
        average.Update(step: 90);  // decay min(0.9, 91/100) = 0.9: 0.9 · 11 + 0.1 · 0 = 9.9

        Assert.Equal(0.1, average.DecayAt(0), 12);
        Assert.Equal(0.9, average.DecayAt(90), 12);
        using (average.Apply())
        {
            Assert.Equal(9.9f, norm.weight!.item<float>(), 5);
            Assert.Equal(7, norm.num_batches_tracked!.item<long>());
        }

        Assert.Equal(0f, norm.weight!.item<float>());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ADecayOutsideZeroToOneIsRefused(double decay)
    {
        using var model = new TinyNet(2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, new TrainerOptions { Device = "cpu", WeightAverageDecay = decay }));
        Assert.Contains("within (0, 1)", e.Message);
    }

    [Fact]
    public void CheckpointsGiveTheAverageForPredictionAndTheTrainingWeightsForResuming()
    {
        using var dir = new TempDirectory();
        Trainer.Seed(3);
        using var model = new TinyNet(2);
        using var trainer = new Trainer(model, Options(dir.Path, epochs: 2));
        trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        var path = Path.Combine(dir.Path, "last.ckpt");

        using var averaged = new TinyNet(2);
        CheckpointStore.Load(path, averaged, optimizer: null);
        using var live = new TinyNet(2);
        using var liveTrainer = new Trainer(live, Options(dir.Path, epochs: 2, decay: null) with { CheckpointDirectory = null });
        CheckpointStore.Load(path, live, liveTrainer.Optimizer);

        Assert.Equal(Parameters.Snapshot(model)["fc.weight"], Parameters.Snapshot(live)["fc.weight"]);
        Assert.NotEqual(Parameters.Snapshot(model)["fc.weight"], Parameters.Snapshot(averaged)["fc.weight"]);
        Assert.Equal(0.9, CheckpointStore.Inspect(path).WeightAverageDecay);

        // The trainer evaluates the averaged weights, as a model loaded from the checkpoint does.
        using var plain = new Trainer(averaged, Options(dir.Path, epochs: 2, decay: null) with { CheckpointDirectory = null });
        Assert.Equal(plain.Evaluate(new BatchLoader(Validation, 16)).Summary.Loss, trainer.Evaluate(new BatchLoader(Validation, 16)).Summary.Loss, 6);
    }

    [Fact]
    public void ResumingCarriesTheAverageOnExactly()
    {
        using var straightDir = new TempDirectory();
        using var resumedDir = new TempDirectory();
        Trainer.Seed(4);
        using (var model = new TinyNet(2, dropout: 0.3))
        using (var trainer = new Trainer(model, Options(straightDir.Path, epochs: 4)))
        {
            trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        }

        Trainer.Seed(4);
        using (var model = new TinyNet(2, dropout: 0.3))
        using (var trainer = new Trainer(model, Options(resumedDir.Path, epochs: 2)))
        {
            trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        }

        using (var model = new TinyNet(2, dropout: 0.3))
        using (var trainer = new Trainer(model, Options(resumedDir.Path, epochs: 4)))
        {
            trainer.Fit(Loader(), new BatchLoader(Validation, 16));
        }

        foreach (var optimizer in new[] { true, false })
        {
            using var straight = new TinyNet(2);
            using var resumed = new TinyNet(2);
            using var straightTrainer = new Trainer(straight, Options(straightDir.Path, 4, decay: null) with { CheckpointDirectory = null });
            using var resumedTrainer = new Trainer(resumed, Options(resumedDir.Path, 4, decay: null) with { CheckpointDirectory = null });
            CheckpointStore.Load(Path.Combine(straightDir.Path, "last.ckpt"), straight, optimizer ? straightTrainer.Optimizer : null);
            CheckpointStore.Load(Path.Combine(resumedDir.Path, "last.ckpt"), resumed, optimizer ? resumedTrainer.Optimizer : null);
            var (expected, actual) = (Parameters.Snapshot(straight), Parameters.Snapshot(resumed));
            Assert.All(expected, entry => Assert.True(entry.Value.SequenceEqual(actual[entry.Key]), $"{entry.Key} differs after resuming ({(optimizer ? "training" : "averaged")} weights)"));
        }
    }

    [Theory]
    [InlineData(null, 0.9, "keeping no weight average but this run keeping a weight average with decay 0.9")]
    [InlineData(0.9, null, "keeping a weight average with decay 0.9 but this run keeping no weight average")]
    [InlineData(0.9, 0.99, "with decay 0.9 but this run keeping a weight average with decay 0.99")]
    public void ResumingWithAnotherAverageIsRefusedBeforeTouchingTheModel(double? first, double? second, string expected)
    {
        using var dir = new TempDirectory();
        using (var model = new TinyNet(2))
        using (var trainer = new Trainer(model, Options(dir.Path, epochs: 1, decay: first)))
        {
            trainer.Fit(Loader());
        }

        using var other = new TinyNet(2);
        var untouched = Parameters.Snapshot(other);
        using var resumed = new Trainer(other, Options(dir.Path, epochs: 2, decay: second));

        var e = Assert.Throws<InvalidOperationException>(() => resumed.Fit(Loader()));

        Assert.Contains(expected, e.Message);
        Assert.Contains("--ema", e.Message);
        Assert.Equal(untouched["conv.weight"], Parameters.Snapshot(other)["conv.weight"]);
    }

    private static void Set(BatchNorm1d norm, float weight, long tracked)
    {
        using (torch.no_grad())
        {
            norm.weight!.fill_(weight);
            norm.num_batches_tracked!.fill_(tracked);
        }
    }
}
