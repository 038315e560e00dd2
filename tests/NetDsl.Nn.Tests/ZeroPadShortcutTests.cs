using System;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Nn.Tests;

public sealed class ZeroPadShortcutTests
{
    [Fact]
    public void SubsamplesAndAppendsZeroChannels()
    {
        using var shortcut = new ZeroPadShortcut(16, 32, 2);
        using var x = randn(2, 16, 32, 32);

        using var y = shortcut.forward(x);

        Assert.Equal([2L, 32, 16, 16], y.shape);
        using var kept = y.narrow(1, 0, 16);
        using var expected = x[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(step: 2), TensorIndex.Slice(step: 2)];
        Assert.True(kept.eq(expected).all().item<bool>());
        using var added = y.narrow(1, 16, 16);
        Assert.Equal(0f, added.abs().max().item<float>());
    }

    [Fact]
    public void OddSizeRoundsUp()
    {
        using var shortcut = new ZeroPadShortcut(4, 8, 2);
        using var x = randn(1, 4, 7, 7);

        using var y = shortcut.forward(x);

        Assert.Equal([1L, 8, 4, 4], y.shape);
    }

    [Fact]
    public void StrideOneKeepsSpatialSize()
    {
        using var shortcut = new ZeroPadShortcut(4, 6, 1);
        using var x = randn(1, 4, 5, 5);

        using var y = shortcut.forward(x);

        Assert.Equal([1L, 6, 5, 5], y.shape);
    }

    [Fact]
    public void WithNothingToPadTheInputPassesThroughUncopied()
    {
        using var shortcut = new ZeroPadShortcut(4, 4, 1);
        using var input = randn(2, 4, 5, 5);

        var output = shortcut.forward(input);

        Assert.Same(input, output);
    }

    [Fact]
    public void HasNoParametersOrState()
    {
        using var shortcut = new ZeroPadShortcut(16, 32, 2);

        Assert.Empty(shortcut.state_dict());
    }

    [Fact]
    public void RejectsFewerOutputChannels() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadShortcut(32, 16, 2));

    [Fact]
    public void RejectsWrongInputChannels()
    {
        using var shortcut = new ZeroPadShortcut(16, 32, 2);
        using var x = randn(1, 8, 4, 4);

        var error = Assert.Throws<InputShapeException>(() => shortcut.forward(x));
        Assert.Equal("ZeroPadShortcut expects input [N, 16, H, W] but got [1, 8, 4, 4].", error.Message);
    }
}
