using System;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainerTests
{
    private static readonly ImageSet Train = Synthetic.Bands(160, classes: 2, size: 8, seed: 1);
    private static readonly ImageSet Validation = Synthetic.Bands(64, classes: 2, size: 8, seed: 2);

    [Fact]
    public void LossDecreasesAndTheTaskIsLearned()
    {
        Trainer.Seed(0);
        using var model = new TinyNet(2);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 3, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0.05) });

        var result = trainer.Fit(new BatchLoader(Train, 16, shuffle: true), new BatchLoader(Validation, 32));

        Assert.Equal(3, result.Epochs.Count);
        Assert.True(result.Epochs[^1].Train.Loss < result.Epochs[0].Train.Loss * 0.8, $"losses: {string.Join(", ", result.Epochs.Select(e => e.Train.Loss))}");
        Assert.True(result.Epochs[^1].Validation!.Accuracy > 0.9, $"validation accuracy {result.Epochs[^1].Validation!.Accuracy}");
    }

    [Fact]
    public void OneBatchCanBeOverfit()
    {
        Trainer.Seed(1);
        var batch = Synthetic.Bands(16, classes: 4, size: 8, seed: 3);
        using var model = new TinyNet(4);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 80, Device = "cpu", Optimizer = OptimizerSettings.Adam(0.02) });

        var result = trainer.Fit(new BatchLoader(batch, 16));
        var evaluation = trainer.Evaluate(new BatchLoader(batch, 16));

        Assert.True(result.Epochs[^1].Train.Loss < 0.05, $"final loss {result.Epochs[^1].Train.Loss}");
        Assert.Equal(1.0, evaluation.Summary.Accuracy);
        Assert.Equal(16, evaluation.Confusion.Total);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, 0.05, true)]
    [InlineData(OptimizerKind.Adam, 0.01, false)]
    [InlineData(OptimizerKind.AdamW, 0.01, false)]
    [InlineData(OptimizerKind.RmsProp, 0.005, false)]
    public void EveryOptimizerLowersTheLoss(OptimizerKind kind, double learningRate, bool nesterov)
    {
        Trainer.Seed(2);
        using var model = new TinyNet(2);
        var settings = new OptimizerSettings(kind, learningRate, Momentum: 0.9, Nesterov: nesterov, WeightDecay: 1e-4);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 3, Device = "cpu", Optimizer = settings, GradientClipNorm = 5, LabelSmoothing = 0.1,
            Schedule = new WarmupSchedule(1, new CosineSchedule(3)),
        });

        var result = trainer.Fit(new BatchLoader(Train, 16, shuffle: true));

        Assert.True(result.Epochs[^1].Train.Loss < result.Epochs[0].Train.Loss, $"{kind}: {string.Join(", ", result.Epochs.Select(e => e.Train.Loss))}");
    }

    [Fact]
    public void TheScheduleSetsEveryGroupsLearningRate()
    {
        Trainer.Seed(3);
        using var model = new TinyNet(2);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 2, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0.01),
            Schedule = new StepSchedule(1, 0.5), ParameterGroups = [new ParameterGroup("fc.*", LearningRateScale: 10)],
        });

        var result = trainer.Fit(new BatchLoader(Train, 40));

        Assert.Equal([0.1 * 0.5, 0.01 * 0.5], trainer.Optimizer.ParamGroups.Select(g => Math.Round(g.LearningRate, 12)));
        Assert.Equal(0.005, result.Epochs[1].LearningRate, 12);
    }

    [Fact]
    public void GradientClippingBoundsEveryStep()
    {
        Trainer.Seed(5);
        using var model = new TinyNet(2);
        var before = Parameters.Snapshot(model);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 1, Device = "cpu", Optimizer = OptimizerSettings.Sgd(1.0, momentum: 0, weightDecay: 0), GradientClipNorm = 1e-3,
        });

        trainer.Fit(new BatchLoader(Train, 32));

        // Five plain SGD steps of learning rate 1 with gradients clipped to norm 1e-3 move the weights by at most 5e-3 in total.
        var after = Parameters.Snapshot(model);
        var moved = Math.Sqrt(model.named_parameters().Sum(p => before[p.name].Zip(after[p.name], (a, b) => (double)(a - b) * (a - b)).Sum()));
        Assert.InRange(moved, 1e-5, 5e-3 + 1e-6);
    }

    [Fact]
    public void NativeMemoryStaysFlatAcrossEpochs()
    {
        Trainer.Seed(4);
        using var model = new TinyNet(2);
        var live = new System.Collections.Generic.List<long>();
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 4, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0.05), Observers = [new LiveTensorCounter(live)],
        });

        trainer.Fit(new BatchLoader(Train, 16), new BatchLoader(Validation, 32));

        Assert.Equal(live[1], live[3]);
    }

    [Fact]
    public void WrongOutputShapeIsExplained()
    {
        using var model = new TinyNet(3);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, Device = "cpu" });

        var e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(new BatchLoader(Train, 16)));

        Assert.Contains("[16, 2]", e.Message);
    }

    [Fact]
    public void DeviceNamesResolve()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelection.Resolve("cpu").type);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, DeviceSelection.Resolve("auto").type);
        Assert.Throws<ArgumentException>(() => DeviceSelection.Resolve("tpu"));
        if (!torch.cuda.is_available())
        {
            var e = Assert.Throws<InvalidOperationException>(() => DeviceSelection.Resolve("cuda"));
            Assert.Contains("torch.cuda.is_available() is false", e.Message);
        }
    }

    private sealed class LiveTensorCounter(System.Collections.Generic.List<long> counts) : ITrainingObserver
    {
        public void OnEpoch(EpochReport epoch)
        {
            counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }
}
