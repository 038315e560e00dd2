using System.Linq;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Language.Tests
{
    public class ShapeTests
    {
        [Theory]
        [InlineData("BasicBlock", new[] { 2, 2, 2, 2 }, 11_689_512L)]
        [InlineData("BasicBlock", new[] { 3, 4, 6, 3 }, 21_797_672L)]
        [InlineData("Bottleneck", new[] { 3, 4, 6, 3 }, 25_557_032L)]
        [InlineData("Bottleneck", new[] { 3, 4, 23, 3 }, 44_549_160L)]
        [InlineData("Bottleneck", new[] { 3, 8, 36, 3 }, 60_192_808L)]
        public void TorchvisionResNetsHaveTheReferenceParameterCounts(string block, int[] stages, long parameters)
        {
            var summary = Specs.Summary(ReferenceNetworks.ResNet("R", block, stages));

            Assert.Equal(parameters, summary.Parameters);
            Assert.Equal("[1000]", summary.Output.ToString());
        }

        [Fact]
        public void ResNet50RowsCarryStateDictPathsShapesAndMultiplyAdds()
        {
            var summary = Specs.Summary(ReferenceNetworks.ResNet("ResNet50", "Bottleneck", new[] { 3, 4, 6, 3 }));
            var row = summary.Layers.Single(l => l.Path == "layer2.0.downsample.0");

            Assert.Equal(("Conv2d", "[256, 56, 56]", "[512, 28, 28]", 131_072L), (row.Kind, row.Input.ToString(), row.Output.ToString(), row.Parameters));
            Assert.Equal(3, row.Depth);
            Assert.Contains(summary.Layers, l => l.Path == "layer1.0.bn3" && l.Kind == "BatchNorm2d");
            Assert.Contains(summary.Layers, l => l.Path == "fc" && l.Output.ToString() == "[1000]");
            Assert.Equal("[64, 56, 56]", summary.Layers.Single(l => l.Path == "maxpool").Output.ToString());
            Assert.Equal(25_557_032L, summary.Layers.Where(l => l.Depth == 0).Sum(l => l.Parameters));
            Assert.InRange(summary.MultiplyAdds, 4_080_000_000L, 4_120_000_000L);
        }

        [Theory]
        [InlineData(20, "projection", 272_474L)]
        [InlineData(20, "auto", 272_474L)]
        [InlineData(20, "zeropad", 269_722L)]
        [InlineData(56, "zeropad", 853_018L)]
        [InlineData(110, "auto", 1_730_714L)]
        [InlineData(20, "none", 269_722L)]
        [InlineData(56, "none", 853_018L)]
        public void CifarResNetsMatchHeEtAl(int depth, string shortcut, long parameters)
        {
            var summary = Specs.Summary(ReferenceNetworks.CifarResNet(depth, shortcut == "projection" ? "auto" : shortcut));

            Assert.Equal(parameters, summary.Parameters);
            Assert.Equal("[10]", summary.Output.ToString());
        }

        [Theory]
        [InlineData(112, 3, 2, 1, false, 56)]
        [InlineData(147, 3, 2, 0, false, 73)]
        [InlineData(6, 3, 2, 0, true, 3)]
        [InlineData(5, 2, 2, 0, true, 3)]
        [InlineData(4, 2, 2, 1, true, 3)]
        [InlineData(5, 3, 3, 1, true, 2)]
        public void PoolOutputFollowsPyTorchIncludingCeilMode(int size, int k, int s, int pad, bool ceil, int expected)
        {
            var summary = Specs.Summary($@"
network: N
input: [1, {size}, {size}]
layers:
  - maxpool: {{ k: {k}, s: {s}, pad: {pad}, ceil: {(ceil ? "true" : "false")} }}
");

            Assert.Equal(TensorShape.Chw(1, expected, expected), summary.Output);
        }

        [Fact]
        public void ConvCountsGroupsDilationAndBias()
        {
            var summary = Specs.Summary(@"
network: N
input: [8, 10, 12]
layers:
  - conv: { out: 16, k: [3, 5], dilation: 2, groups: 4, pad: same }
");
            var conv = summary.Layers[0];
            Assert.Equal("[16, 10, 12]", conv.Output.ToString());
            Assert.Equal((16 * 2 * 3 * 5) + 16, conv.Parameters);
            Assert.Equal(16L * 10 * 12 * 2 * 3 * 5, conv.MultiplyAdds);
        }

        [Fact]
        public void ConcatAddsBranchChannelsAndNamesBranches()
        {
            var summary = Specs.Summary(@"
network: N
input: [4, 9, 9]
defaults: { conv: { norm: batch, act: relu } }
layers:
  - concat:
      - [ { conv: { out: 3, k: 1 } } ]
      - [ { conv: { out: 2, k: 1 } }, { conv: { out: 5, k: 3, pad: 1 } } ]
      - [ { maxpool: { k: 3, s: 1, pad: 1 } } ]
");
            Assert.Equal("[12, 9, 9]", summary.Output.ToString());
            Assert.Equal(new[] { "branch0", "branch1", "branch1.0", "branch1.1", "branch2" }, summary.Layers.Select(l => l.Path));
        }
    }
}
