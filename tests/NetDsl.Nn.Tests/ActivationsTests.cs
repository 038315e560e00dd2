using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Nn.Tests;

public sealed class ActivationsTests
{
    [Theory]
    [InlineData(Activation.ReLU, new[] { 0f, 0f, 2f, 8f })]
    [InlineData(Activation.ReLU6, new[] { 0f, 0f, 2f, 6f })]
    [InlineData(Activation.LeakyReLU, new[] { -0.02f, 0f, 2f, 8f })]
    [InlineData(Activation.Tanh, new[] { -0.9640276f, 0f, 0.9640276f, 0.99999977f })]
    [InlineData(Activation.Sigmoid, new[] { 0.11920292f, 0.5f, 0.8807971f, 0.99966466f })]
    [InlineData(Activation.GELU, new[] { -0.04550026f, 0f, 1.9544997f, 8f })]
    [InlineData(Activation.SiLU, new[] { -0.23840584f, 0f, 1.7615942f, 7.997317f })]
    public void AppliesTheActivation(Activation activation, float[] expected)
    {
        using var x = tensor(new[] { -2f, 0f, 2f, 8f });

        using var y = Activations.Apply(x, activation);

        Assert.Equal(expected, y.data<float>().ToArray(), (a, b) => System.Math.Abs(a - b) < 1e-5f);
        Assert.Equal(new[] { -2f, 0f, 2f, 8f }, x.data<float>().ToArray());
    }

    [Fact]
    public void NoneReturnsTheInput()
    {
        using var x = tensor(new[] { -1f, 1f });

        Assert.Same(x, Activations.Apply(x, Activation.None));
    }
}
