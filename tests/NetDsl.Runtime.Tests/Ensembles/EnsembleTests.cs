using System;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Ensembles;
using NetDsl.Runtime.Metrics;
using Xunit;

namespace NetDsl.Runtime.Tests.Ensembles;

[Collection(TorchCollection.Name)]
public sealed class EnsembleTests
{
    // Four images of three classes, targets 0, 1, 2, 2; image i has the pixel value i.
    private static readonly ImageSet Images = new([0, 1, 2, 3], [0, 1, 2, 2], new ImageShape(1, 1, 1), ["a", "b", "c"]);

    // A is right on images 0 and 2; B on 1, 2 and 3. Their mean is right on all four:
    // image 0 [0.55, 0.35, 0.10], 1 [0.30, 0.60, 0.10], 2 [0.15, 0.25, 0.60], 3 [0.35, 0.25, 0.40].
    private static readonly float[,] A = { { 0.7f, 0.2f, 0.1f }, { 0.5f, 0.4f, 0.1f }, { 0.1f, 0.3f, 0.6f }, { 0.6f, 0.3f, 0.1f } };
    private static readonly float[,] B = { { 0.4f, 0.5f, 0.1f }, { 0.1f, 0.8f, 0.1f }, { 0.2f, 0.2f, 0.6f }, { 0.1f, 0.2f, 0.7f } };

    [Fact]
    public void TheMeanSoftmaxOfTwoMembersIsRightWhereEachAloneIsWrong()
    {
        using var a = new LookupNet(A);
        using var b = new LookupNet(B);

        // B takes its images padded to 3×3, as a member with another input size would.
        var result = Ensemble.Evaluate(
            [new("A", a, new ImagePipeline(Images.Shape)), new("B", b, new ImagePipeline(Images.Shape, new PadTo(3, 3)))],
            Images, batchSize: 3, device: "cpu", topK: [1, 2]);

        var (memberA, memberB, ensemble) = (result.Members[0].Result.Summary, result.Members[1].Result.Summary, result.Ensemble.Summary);
        Assert.Equal(["A", "B"], result.Members.Select(m => m.Name));
        Assert.Equal([new TopKError(1, 2.0 / 4), new TopKError(2, 1.0 / 4)], memberA.TopErrors);
        Assert.Equal([new TopKError(1, 1.0 / 4), new TopKError(2, 0)], memberB.TopErrors);
        Assert.Equal([new TopKError(1, 0), new TopKError(2, 0)], ensemble.TopErrors);
        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.4) + Math.Log(0.6) + Math.Log(0.1)) / 4, memberA.Loss, 5);
        Assert.Equal(-(Math.Log(0.4) + Math.Log(0.8) + Math.Log(0.6) + Math.Log(0.7)) / 4, memberB.Loss, 5);
        Assert.Equal(-(Math.Log(0.55) + Math.Log(0.6) + Math.Log(0.6) + Math.Log(0.4)) / 4, ensemble.Loss, 5);
        Assert.Equal(4, ensemble.Count);
        Assert.Equal(2, result.Ensemble.Confusion[2, 2]);
        Assert.Equal(1, result.Members[0].Result.Confusion[1, 0]);
        Assert.Equal(1, result.Members[0].Result.Confusion[2, 0]);
    }

    [Fact]
    public void AnEnsembleOfOneIsThatMember()
    {
        using var a = new LookupNet(A);

        var result = Ensemble.Evaluate([new("A", a, new ImagePipeline(Images.Shape))], Images, device: "cpu");

        Assert.Equal(result.Members[0].Result.Summary.TopErrors, result.Ensemble.Summary.TopErrors);
        Assert.Equal([1, 3, 5], result.Ensemble.Summary.TopErrors.Select(e => e.K));
        Assert.Equal(result.Members[0].Result.Summary.Loss, result.Ensemble.Summary.Loss, 5);
    }

    [Fact]
    public void AMemberForOtherClassesIsNamed()
    {
        using var a = new LookupNet(A);
        using var wide = new LookupNet(new float[4, 4]);

        var error = Assert.Throws<InvalidOperationException>(() => Ensemble.Evaluate(
            [new("A", a, new ImagePipeline(Images.Shape)), new("runs/wide/best.ckpt", wide, new ImagePipeline(Images.Shape))], Images, device: "cpu"));

        Assert.Equal("Member 'runs/wide/best.ckpt' returned [4, 4] but a classifier for this data must return [4, 3].", error.Message);
    }

    [Fact]
    public void MembersNeedNamesOfTheirOwn()
    {
        using var a = new LookupNet(A);
        var plain = new ImagePipeline(Images.Shape);

        Assert.Contains("at least one member", Assert.Throws<ArgumentException>(() => Ensemble.Evaluate([], Images)).Message);
        Assert.Contains("Two members are called 'A'", Assert.Throws<ArgumentException>(() => Ensemble.Evaluate([new("A", a, plain), new("A", a, plain)], Images)).Message);
    }
}
