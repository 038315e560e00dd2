using System;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Transfer;
using TorchSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Transfer;

[Collection(TorchCollection.Name)]
public sealed class FineTuningTests
{
    private static readonly ImageSet Train = Synthetic.Bands(64, classes: 2, size: 8, seed: 21);

    [Fact]
    public void FrozenParametersGetNoGradientAndDoNotChange()
    {
        Trainer.Seed(20);
        using var model = new TinyNet(2);
        var frozen = FineTuning.Freeze(model, "conv.*", "bn.*");
        var before = Parameters.Snapshot(model);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 2, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0.1, weightDecay: 0.1),
        });

        trainer.Fit(new BatchLoader(Train, 16));

        Assert.Equal(["conv.weight", "conv.bias", "bn.weight", "bn.bias"], frozen);
        var after = Parameters.Snapshot(model);
        foreach (var name in frozen)
        {
            Assert.Equal(before[name], after[name]);
        }

        Assert.NotEqual(before["fc.weight"], after["fc.weight"]);
        foreach (var (name, parameter) in model.named_parameters().Where(p => frozen.Contains(p.name)))
        {
            Assert.False(parameter.requires_grad, name);
            Assert.True(parameter.grad is null, $"{name} has a gradient");
        }
    }

    [Fact]
    public void AnUnknownPatternIsATypo()
    {
        using var model = new TinyNet(2);

        var e = Assert.Throws<ArgumentException>(() => FineTuning.Freeze(model, "layer9.*"));

        Assert.Contains("conv.weight", e.Message);
    }

    [Fact]
    public void UnfreezeAfterFreezingEverythingTrainsOnlyTheHead()
    {
        using var model = new TinyNet(2);
        FineTuning.Freeze(model, "*");
        FineTuning.Unfreeze(model, "fc.*");

        Assert.Equal(["fc.weight", "fc.bias"], model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name));
    }

    [Fact]
    public void ReplacingTheHeadChangesTheOutputAndKeepsTheKeys()
    {
        Trainer.Seed(22);
        using var model = new TinyNet(10);
        var old = FineTuning.ReplaceModule(model, "fc", torch.nn.Linear(64, 3));

        using var input = torch.randn(5, 1, 8, 8);
        using var output = model.call(input);

        Assert.Equal([5L, 3L], output.shape);
        Assert.Equal([10L, 64L], ((TorchSharp.Modules.Linear)old).weight!.shape);
        var keys = model.state_dict().Keys.ToList();
        Assert.Contains("fc.weight", keys);
        Assert.Equal([3L, 64L], model.state_dict()["fc.weight"].shape);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Throws<ArgumentException>(() => FineTuning.ReplaceModule(model, "head", torch.nn.Linear(64, 3)));
    }

    [Fact]
    public void FineTuningAReplacedHeadWithAFrozenBackboneLearns()
    {
        Trainer.Seed(23);
        using var model = new TinyNet(10);
        FineTuning.ReplaceModule(model, "fc", torch.nn.Linear(64, 2));
        FineTuning.Freeze(model, "conv.*");
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 4, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0.05),
            ParameterGroups = [new ParameterGroup("bn.*", LearningRateScale: 0.1)],
        });

        var result = trainer.Fit(new BatchLoader(Train, 16, shuffle: true));

        Assert.Equal(2, trainer.Optimizer.ParamGroups.Count());
        Assert.True(result.Epochs[^1].Train.Loss < result.Epochs[0].Train.Loss);
    }
}
