using System.Collections.Generic;
using System.Linq;
using NetDsl.Nn;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Training;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class AuxiliaryLossTests
{
    private static readonly ImageSet Data = Synthetic.Bands(32, classes: 2, size: 8, seed: 5);

    [Fact]
    public void TheLossIsTheMainLossPlusTheWeightedHeadLosses()
    {
        Trainer.Seed(3);
        using var model = new TinyAuxNet(2, headWeight: 0.5);
        var options = new TrainerOptions { Epochs = 1, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0, momentum: 0) };
        using var trainer = new Trainer(model, options);

        var reported = trainer.Fit(new BatchLoader(Data, 32)).Epochs[0].Train.Loss;

        // The learning rate is 0, so the same weights give the same train-mode outputs again.
        var (images, labels) = new BatchLoader(Data, 32).Epoch(0).Single().ToTensors(CPU);
        model.train();
        var outputs = model.ForwardWithAuxiliary(images);
        var main = nn.functional.cross_entropy(outputs.Logits, labels).item<float>();
        var head = nn.functional.cross_entropy(outputs.Auxiliary.Single().Logits, labels).item<float>();
        Assert.Equal(main + (0.5 * head), reported, 4);
        Assert.NotEqual(main, reported, 2);
    }

    [Fact]
    public void AHeadWithWeightZeroGetsNoTrainingWhileTheMainClassifierLearns()
    {
        Trainer.Seed(4);
        using var model = new TinyAuxNet(2, headWeight: 0.5);
        var head = model.HeadWeights();
        var main = model.MainWeights();
        var options = new TrainerOptions
        {
            Epochs = 2, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0.05),
            AuxiliaryLossWeights = new Dictionary<string, double> { ["aux"] = 0 },
        };
        using var trainer = new Trainer(model, options);

        trainer.Fit(new BatchLoader(Data, 16, shuffle: true));

        Assert.Equal(head, model.HeadWeights());
        Assert.NotEqual(main, model.MainWeights());
    }

    [Fact]
    public void TheHeadLearnsWhenItsLossCounts()
    {
        Trainer.Seed(5);
        using var model = new TinyAuxNet(2, headWeight: 0.5);
        var head = model.HeadWeights();
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 2, Device = "cpu", Optimizer = OptimizerSettings.Sgd(0.05) });

        trainer.Fit(new BatchLoader(Data, 16, shuffle: true));

        Assert.NotEqual(head, model.HeadWeights());
    }

    [Fact]
    public void InEvaluationModeThereAreNoHeadOutputs()
    {
        using var model = new TinyAuxNet(2, headWeight: 0.5);
        model.eval();

        var outputs = model.ForwardWithAuxiliary(randn(4, 1, 8, 8));

        Assert.Empty(outputs.Auxiliary);
        Assert.Equal([4L, 2L], outputs.Logits.shape);
    }

    /// <summary>A conv trunk, a main classifier and one auxiliary head on the trunk's features, as generated code does it.</summary>
    private sealed class TinyAuxNet : nn.Module<Tensor, Tensor>, IAuxiliaryClassifiers
    {
        private readonly Conv2d conv;
        private readonly Linear fc;
        private readonly Linear aux;
        private readonly double headWeight;

        public TinyAuxNet(int classes, double headWeight)
            : base(nameof(TinyAuxNet))
        {
            conv = nn.Conv2d(1, 4, 3, padding: 1);
            fc = nn.Linear(4 * 8 * 8, classes);
            aux = nn.Linear(4 * 8 * 8, classes);
            this.headWeight = headWeight;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => ForwardWithAuxiliary(input).Logits;

        public AuxiliaryOutputs ForwardWithAuxiliary(Tensor input)
        {
            var features = nn.functional.relu(conv.call(input)).flatten(1);
            var heads = training ? new[] { new AuxiliaryOutput("aux", aux.call(features), headWeight) } : [];
            return new AuxiliaryOutputs(fc.call(features), heads);
        }

        public float[] HeadWeights() => aux.weight!.data<float>().ToArray();

        public float[] MainWeights() => fc.weight!.data<float>().ToArray();
    }
}
