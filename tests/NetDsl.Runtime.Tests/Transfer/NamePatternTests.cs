using NetDsl.Runtime.Transfer;
using Xunit;

namespace NetDsl.Runtime.Tests.Transfer;

public sealed class NamePatternTests
{
    [Theory]
    [InlineData("layer1.*", "layer1.0.conv1.weight", true)]
    [InlineData("layer1.*", "layer10.0.conv1.weight", false)]
    [InlineData("*.bn?.weight", "layer2.1.bn2.weight", true)]
    [InlineData("*.bn?.weight", "layer2.1.bn2.bias", false)]
    [InlineData("fc.*", "fc.weight", true)]
    [InlineData("fc.*", "features.fc.weight", false)]
    [InlineData("*", "anything.at.all", true)]
    [InlineData("conv1.weight", "conv1.weight", true)]
    [InlineData("conv1.weight", "conv1xweight", false)]
    public void MatchesWholeNames(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, NamePattern.Matches(pattern, name));
    }
}
