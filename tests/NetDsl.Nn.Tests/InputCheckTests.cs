using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Nn.Tests;

public sealed class InputCheckTests
{
    [Fact]
    public void ExpectNamesModuleAndBothShapes()
    {
        using var x = zeros(8, 1, 28, 28);

        var error = Assert.Throws<InputShapeException>(() => InputCheck.Expect(x, "ResNet50", InputSizes.Exactly(3, 224, 224)));

        Assert.Equal("ResNet50 expects input [N, 3, 224, 224] but got [8, 1, 28, 28].", error.Message);
        Assert.Equal("ResNet50", error.Module);
        Assert.Equal("[N, 3, 224, 224]", error.Expected);
        Assert.Equal([8L, 1, 28, 28], error.Actual);
        Assert.Equal("input", error.ParamName);
    }

    [Fact]
    public void ExpectRejectsWrongRank()
    {
        using var x = zeros(3, 224, 224);

        var error = Assert.Throws<InputShapeException>(() => InputCheck.Expect(x, "ResNet50", InputSizes.Exactly(3, 224, 224)));

        Assert.Equal("ResNet50 expects input [N, 3, 224, 224] but got [3, 224, 224].", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void ExpectAcceptsAnyBatchSize(long batch)
    {
        using var x = zeros(batch, 3, 299, 299);

        InputCheck.Expect(x, "InceptionV4", InputSizes.Exactly(3, 299, 299));
    }

    [Theory]
    [InlineData(32, 32, true)]
    [InlineData(32, 500, true)]
    [InlineData(31, 32, false)]
    [InlineData(32, 513, false)]
    public void ExpectAcceptsExactlyTheDeclaredSizes(long height, long width, bool accepted)
    {
        using var x = zeros(2, 3, height, width);
        var sizes = new InputSizes(3, Sizes.AtLeast(32), Sizes.Between(32, 512));

        var check = () => InputCheck.Expect(x, "ResNet18", sizes);

        if (accepted)
        {
            check();
        }
        else
        {
            Assert.Equal("ResNet18 expects input [N, 3, 32.., 32..512] but got [2, 3, " + height + ", " + width + "].", Assert.Throws<InputShapeException>(check).Message);
        }
    }

    [Fact]
    public void SizesDescribeThemselvesAsASpecWritesThem()
    {
        Assert.Equal("[1, [28, 32], 28]", new InputSizes(1, Sizes.OneOf(32, 28), Sizes.OneOf(28)).ToString());
        Assert.True(Sizes.OneOf(28, 32).Contains(32));
        Assert.False(Sizes.OneOf(28, 32).Contains(30));
    }

    [Fact]
    public void ExpectChannelsIgnoresSpatialSize()
    {
        using var x = zeros(2, 384, 17, 13);

        InputCheck.ExpectChannels(x, "InceptionA", 384);
    }

    [Fact]
    public void ExpectChannelsRejectsWrongChannels()
    {
        using var x = zeros(8, 192, 35, 35);

        var error = Assert.Throws<InputShapeException>(() => InputCheck.ExpectChannels(x, "InceptionA", 384));

        Assert.Equal("InceptionA expects input [N, 384, H, W] but got [8, 192, 35, 35].", error.Message);
    }

    [Fact]
    public void ExpectChannelsRejectsWrongRank()
    {
        using var x = zeros(192, 35, 35);

        Assert.Throws<InputShapeException>(() => InputCheck.ExpectChannels(x, "InceptionA", 192));
    }
}
