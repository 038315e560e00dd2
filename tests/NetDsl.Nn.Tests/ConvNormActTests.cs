using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Nn.Tests;

public sealed class ConvNormActTests
{
    private static readonly string[] BatchNormKeys =
        ["bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"];

    [Fact]
    public void StateDictHasTorchvisionKeys()
    {
        using var module = new ConvNormAct(3, 64, (7, 7), stride: (2, 2), padding: (3, 3));

        Assert.Equal(["conv.weight", .. BatchNormKeys], module.state_dict().Keys);
    }

    [Fact]
    public void BiasAddsConvBiasKey()
    {
        using var module = new ConvNormAct(3, 8, (3, 3), bias: true);

        Assert.Contains("conv.bias", module.state_dict().Keys);
        Assert.Equal(3 * 8 * 9 + 8 + 2 * 8, module.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void ParameterCountIsConvWeightPlusBatchNormAffine()
    {
        using var module = new ConvNormAct(192, 224, (1, 7), padding: (0, 3));

        Assert.Equal(192 * 224 * 7 + 2 * 224, module.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void GroupedConvolutionDividesWeights()
    {
        using var module = new ConvNormAct(32, 32, (3, 3), padding: (1, 1), groups: 32);

        Assert.Equal(32 * 9 + 2 * 32, module.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void ForwardAppliesStrideAndActivation()
    {
        using var module = new ConvNormAct(3, 16, (3, 3), stride: (2, 2), padding: (1, 1), activation: Activation.ReLU);
        using var x = randn(2, 3, 32, 32);

        using var y = module.forward(x);

        Assert.Equal([2L, 16, 16, 16], y.shape);
        Assert.True(y.min().item<float>() >= 0f);
    }

    [Fact]
    public void WithoutActivationOutputIsNormalised()
    {
        using var module = new ConvNormAct(3, 4, (1, 1), activation: Activation.None);
        using var x = randn(8, 3, 5, 5);

        using var y = module.forward(x);

        Assert.True(y.min().item<float>() < 0f);
        Assert.True(y.mean([0L, 2, 3]).abs().max().item<float>() < 1e-4f);
    }

    [Fact]
    public void NormActConvNormalisesInputChannels()
    {
        using var module = new NormActConv(16, 32, (3, 3), padding: (1, 1));

        // TorchSharp lists every parameter before any buffer, unlike PyTorch's module-by-module order.
        Assert.Equal(BatchNormKeys.Append("conv.weight").Order(), module.state_dict().Keys.Order());
        Assert.Equal([16L], module.state_dict()["bn.weight"].shape);
        Assert.Equal(16 * 32 * 9 + 2 * 16, module.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void NormActConvForwardShape()
    {
        using var module = new NormActConv(16, 32, (3, 3), stride: (2, 2), padding: (1, 1));
        using var x = randn(2, 16, 8, 8);

        using var y = module.forward(x);

        Assert.Equal([2L, 32, 4, 4], y.shape);
    }
}
