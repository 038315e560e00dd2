using System.Linq;
using NetDsl.Nn;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests;

/// <summary>GoogLeNet's and Inception-v3's auxiliary classifiers: extra named outputs in training mode only.</summary>
public class AuxiliaryHeadTests
{
    [Fact]
    public void WithoutHeadsTheCountsAreTorchvisionsWithAuxLogitsFalse()
    {
        using var googlenet = new GoogLeNet(auxLogits: false);
        using var inception = new InceptionV3(auxLogits: false);

        Assert.Equal(6_624_904, googlenet.parameters().Sum(p => p.numel()));
        Assert.Equal(344, googlenet.state_dict().Count);
        Assert.Equal(23_834_568, inception.parameters().Sum(p => p.numel()));
        Assert.Equal(566, inception.state_dict().Count);
        Assert.DoesNotContain(googlenet.state_dict().Keys, k => k.StartsWith("aux", System.StringComparison.Ordinal));
        Assert.DoesNotContain(inception.state_dict().Keys, k => k.StartsWith("AuxLogits", System.StringComparison.Ordinal));
    }

    [Fact]
    public void GoogLeNetGivesBothHeadsInTrainingModeWithThePapersWeight()
    {
        using var scope = NewDisposeScope();
        using var model = new GoogLeNet(classes: 10);
        model.train();

        var outputs = model.ForwardWithAuxiliary(randn(2, 3, 224, 224));

        Assert.Equal([2L, 10L], outputs.Logits.shape);
        Assert.Equal(["aux1", "aux2"], outputs.Auxiliary.Select(a => a.Name));
        Assert.All(outputs.Auxiliary, a => Assert.Equal([2L, 10L], a.Logits.shape));
        Assert.All(outputs.Auxiliary, a => Assert.Equal(0.3, a.LossWeight));
    }

    [Fact]
    public void InEvaluationModeInceptionV3GivesTheMainLogitsOnly()
    {
        using var scope = NewDisposeScope();
        using var model = new InceptionV3(classes: 10);
        model.eval();
        using var _ = no_grad();
        var input = randn(1, 3, 299, 299);

        var outputs = model.ForwardWithAuxiliary(input);

        Assert.Empty(outputs.Auxiliary);
        Assert.True(outputs.Logits.allclose(model.forward(input)));
    }

    [Fact]
    public void InceptionV3HeadReadsTheSeventeenBySeventeenGrid()
    {
        using var scope = NewDisposeScope();
        using var model = new InceptionV3(classes: 10);
        model.train();

        var head = model.ForwardWithAuxiliary(randn(2, 3, 299, 299)).Auxiliary.Single();

        Assert.Equal("AuxLogits", head.Name);
        Assert.Equal(0.4, head.LossWeight);
        Assert.Equal([2L, 10L], head.Logits.shape);
        Assert.Equal([128L, 768L, 1L, 1L], model.state_dict()["AuxLogits.conv0.conv.weight"].shape);
    }
}
