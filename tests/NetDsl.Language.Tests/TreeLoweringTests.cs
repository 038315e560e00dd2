using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;
using Xunit;

namespace NetDsl.Language.Tests;

/// <summary><see cref="SpecParser.Lower"/>: a spec tree built by another front end lowers as a parsed file does.</summary>
public class TreeLoweringTests
{
    private static SourceSpan At(int line, int column) => new("/src/A.cs", line * 100 + column, line * 100 + column + 1, line, column, line, column + 1);

    private static KeyValuePair<YamlScalar, YamlNode> Entry(string key, SourceSpan span, YamlNode value) => new(new YamlScalar(key, false, span), value);

    private static YamlMap Map(SourceSpan span, params KeyValuePair<YamlScalar, YamlNode>[] entries) => new(entries, span);

    private static YamlMap Block(YamlNode conv) => Map(
        At(0, 0),
        Entry("blocks", At(1, 0), Map(At(1, 0), Entry("Head", At(1, 0), Map(At(1, 0), Entry("layers", At(1, 0), new YamlList(new YamlNode[] { conv }, At(1, 0))))))));

    [Fact]
    public void TreeLowersToTheIrOfTheSameYaml()
    {
        var conv = Map(At(2, 1), Entry("conv", At(2, 1), Map(At(2, 1), Entry("out", At(2, 6), new YamlScalar("16", false, At(2, 6))), Entry("k", At(2, 10), new YamlScalar("3", false, At(2, 10))))));

        var lowered = SpecParser.Lower("/src/A.cs", Block(conv), "Consumer");
        var parsed = SpecParser.Parse("/specs/a.net.yaml", "blocks:\n  Head:\n    layers:\n      - conv: { out: 16, k: 3 }\n", "Consumer");

        Assert.Empty(lowered.Diagnostics);
        var fromTree = (ConvLayer)lowered.File!.Blocks.Single().Layers.Single();
        var fromYaml = (ConvLayer)parsed.File!.Blocks.Single().Layers.Single();
        Assert.Equal((fromYaml.Name, fromYaml.Kernel.H.ToString(), fromYaml.Out.ToString()), (fromTree.Name, fromTree.Kernel.H.ToString(), fromTree.Out.ToString()));
        Assert.Equal(At(2, 1), fromTree.Span);
    }

    [Fact]
    public void DiagnosticsLandAtTheTreesSpans()
    {
        var conv = Map(At(2, 1), Entry("conv", At(2, 1), Map(At(2, 1), Entry("out", At(2, 6), new YamlScalar("16", false, At(2, 6))), Entry("k", At(2, 10), new YamlScalar("3", false, At(2, 10))), Entry("act", At(2, 14), new YamlScalar("relux", false, At(2, 20))))));

        var diagnostic = Assert.Single(SpecParser.Lower("/src/A.cs", Block(conv), "Consumer").Diagnostics);

        Assert.Equal(("ND0008", At(2, 20)), (diagnostic.Id, diagnostic.Span));
    }
}
