using System;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Ensembles;
using NetDsl.Runtime.Training;
using Xunit;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TestTimeFlipTests
{
    // Two 1×2 images of class 1; the network looks at the left pixel only (see LeftPixelNet).
    // Image [2, 1]: alone P2 = [0.6, 0.4] (wrong); with its mirror (P2 + P1) / 2 = [0.4, 0.6] (right).
    // Image [3, 0]: alone P3 = [0.3, 0.7] (right); with its mirror (P3 + P0) / 2 = [0.6, 0.4] (wrong).
    private static readonly ImageSet Images = new([2, 1, 3, 0], [1, 1], new ImageShape(1, 1, 2), ["a", "b"]);
    private static readonly float[,] Table = { { 0.9f, 0.1f }, { 0.2f, 0.8f }, { 0.6f, 0.4f }, { 0.3f, 0.7f } };
    private static readonly double PlainLoss = -(Math.Log(0.4) + Math.Log(0.7)) / 2;
    private static readonly double FlippedLoss = -(Math.Log(0.6) + Math.Log(0.4)) / 2;

    [Fact]
    public void TheTrainerAveragesTheSoftmaxOfEachImageAndItsMirrorImage()
    {
        using var model = new LeftPixelNet(Table);
        var options = new TrainerOptions { Device = "cpu", TopK = [1] };
        using var alone = new Trainer(model, options);
        using var flipped = new Trainer(model, options with { TestTimeFlip = true });

        var plain = alone.Evaluate(new BatchLoader(Images, 2));
        var averaged = flipped.Evaluate(new BatchLoader(Images, 2));

        Assert.Equal(PlainLoss, plain.Summary.Loss, 5);
        Assert.Equal(FlippedLoss, averaged.Summary.Loss, 5);
        Assert.Equal(0.5, averaged.Summary.Top1Error);
        Assert.Equal(1, plain.Confusion[1, 0]);
        Assert.Equal(1, averaged.Confusion[1, 0]);
    }

    [Fact]
    public void EnsembleMembersAverageEachImageWithItsMirrorImage()
    {
        using var a = new LeftPixelNet(Table);
        using var b = new LeftPixelNet(Table);
        var pipeline = new ImagePipeline(Images.Shape);

        var plain = Ensemble.Evaluate([new("a", a, pipeline)], Images, device: "cpu", topK: [1]);
        var flipped = Ensemble.Evaluate([new("a", a, pipeline), new("b", b, pipeline)], Images, device: "cpu", topK: [1], testTimeFlip: true);

        Assert.Equal(PlainLoss, plain.Ensemble.Summary.Loss, 5);
        Assert.Equal(FlippedLoss, flipped.Members[0].Result.Summary.Loss, 5);
        Assert.Equal(FlippedLoss, flipped.Members[1].Result.Summary.Loss, 5);
        Assert.Equal(FlippedLoss, flipped.Ensemble.Summary.Loss, 5);
    }
}
