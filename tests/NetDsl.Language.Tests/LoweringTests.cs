using System.Linq;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Language.Tests;

public class LoweringTests
{
    private static BlockDef Block(string yaml, string name) => Specs.File(yaml).Blocks.Single(b => b.Name == name);

    [Fact]
    public void BottleneckGetsTorchvisionNames()
    {
        var residual = (ResidualLayer)Block(ReferenceNetworks.ResNetBlocks, "Bottleneck").Layers.Single();
        var convs = residual.Body.Cast<ConvLayer>().ToList();

        Assert.Equal(new[] { ("conv1", "bn1"), ("conv2", "bn2"), ("conv3", "bn3") }, convs.Select(c => (c.Name, c.NormName!)));
        Assert.Equal((ShortcutKind.Auto, "downsample"), (residual.Shortcut.Kind, residual.Shortcut.Name));
        Assert.Equal(Activation.Relu, residual.Then);
    }

    [Fact]
    public void PreActivationUnitNamesNormsBeforeConvs()
    {
        var yaml = """
            blocks:
              PreAct:
                params: { planes: int }
                residual:
                  pre: [ bn, relu ]
                  body:
                    - conv: { out: $planes, k: 3, pad: 1, norm: batch, act: relu, order: pre }
                    - conv: { out: $planes, k: 3, pad: 1 }
                  shortcut: projection
            """;
        var residual = (ResidualLayer)Block(yaml, "PreAct").Layers.Single();

        Assert.Equal(new[] { "bn1", string.Empty }, residual.Pre.Select(l => l.Name));
        Assert.Equal(new[] { ("conv1", "bn2"), ("conv2", (string?)null) }, residual.Body.Cast<ConvLayer>().Select(c => (c.Name, c.NormName)));
    }

    [Fact]
    public void NetworkFieldsFollowTheNamingRules()
    {
        var network = Specs.File(ReferenceNetworks.ResNet("R", "BasicBlock", new[] { 2, 2, 2, 2 })).Network!;

        Assert.Equal(new[] { "conv1", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", string.Empty, "fc" }, network.Layers.Select(l => l.Name));
        Assert.Equal("bn1", ((ConvLayer)network.Layers[0]).NormName);
    }

    [Fact]
    public void SeveralPoolsAndBlocksAreNumberedAndExplicitNamesAreSkipped()
    {
        var layers = Specs.File("""
            network: N
            input: [3, 64, 64]
            blocks:
              ReductionA: { layers: [ relu ] }
            layers:
              - maxpool: { k: 2 }
              - conv: { out: 4, k: 1, name: conv1 }
              - conv: { out: 4, k: 1 }
              - maxpool: { k: 2 }
              - ReductionA
              - ReductionA
              - dropout: 0.5
            """).Network!.Layers;

        Assert.Equal(new[] { "maxpool1", "conv1", "conv2", "maxpool2", "reductionA1", "reductionA2", "dropout" }, layers.Select(l => l.Name));
        Assert.True(layers[1].NameIsExplicit);
    }

    [Fact]
    public void SequencesAndBranchesNameStepsByIndexAndWrapNormedConvs()
    {
        var layers = Specs.File("""
            network: N
            input: [3, 64, 64]
            defaults: { conv: { norm: batch, act: relu } }
            layers:
              - seq: [ { conv: { out: 4, k: 3 } }, relu, { maxpool: { k: 2 } } ]
                name: stem
              - concat:
                  - [ { conv: { out: 4, k: 1 } } ]
                  - { name: pool, layers: [ { avgpool: { k: 3, s: 1, pad: 1 } }, { conv: { out: 4, k: 1 } } ] }
              - concat:
                  - [ relu ]
            """).Network!.Layers;

        var seq = (SequenceLayer)layers[0];
        Assert.Equal("stem", seq.Name);
        Assert.Equal(new[] { "0", "1", "2" }, seq.Layers.Select(l => l.Name));
        Assert.True(((ConvLayer)seq.Layers[0]).Wrap);
        var branches = ((ConcatLayer)layers[1]).Branches;
        Assert.Equal(new[] { "branch0", "pool" }, branches.Select(b => b.Name));
        Assert.Equal(("branch0", true), (branches[0].Layers[0].Name, ((ConvLayer)branches[0].Layers[0]).Wrap));
        Assert.Equal(new[] { "0", "1" }, branches[1].Layers.Select(l => l.Name));
        Assert.Equal("branch1", ((ConcatLayer)layers[2]).Branches[0].Name);
    }

    [Fact]
    public void DefaultsApplyFileThenBlockThenLayer()
    {
        var yaml = """
            defaults:
              conv: { norm: batch, eps: 0.001, act: relu, k: 3 }
            blocks:
              B:
                defaults: { conv: { act: relu6, pad: same } }
                layers:
                  - conv: { out: 8 }
                  - conv: { out: 8, act: none, eps: 0.01, k: 5 }
            """;
        var convs = Block(yaml, "B").Layers.Cast<ConvLayer>().ToList();

        Assert.Equal((Activation.Relu6, 0.001, false, PaddingMode.Same), (convs[0].Act, convs[0].Norm!.Eps, convs[0].Bias, convs[0].PaddingMode));
        Assert.Equal(Expr.Int(1), convs[0].Padding.H with { Span = default });
        Assert.Equal((Activation.None, 0.01), (convs[1].Act, convs[1].Norm!.Eps));
        Assert.Equal(2.0, ((NumberExpr)convs[1].Padding.W).Value);
    }

    [Fact]
    public void SamePaddingWithParametersStaysSymbolic()
    {
        var yaml = "blocks:\n  B:\n    params: { k: int = 3 }\n    layers: [ { conv: { out: 8, k: $k, pad: same } } ]\n";
        var conv = (ConvLayer)Block(yaml, "B").Layers.Single();

        Assert.Equal("((1 * ($k - 1)) / 2)", conv.Padding.H.ToString());
    }

    [Theory]
    [InlineData("$a + $b * 2", "($a + ($b * 2))")]
    [InlineData("($a + $b) * 2", "(($a + $b) * 2)")]
    [InlineData("$a - $b - 1", "(($a - $b) - 1)")]
    [InlineData("$a / 2 * 3", "(($a / 2) * 3)")]
    [InlineData("-$a + 10", "((0 - $a) + 10)")]
    public void ExpressionsFollowPrecedenceAndAssociativity(string text, string expected)
    {
        var yaml = $"blocks:\n  B:\n    params: {{ a: int = 1, b: int = 2 }}\n    layers: [ {{ conv: {{ out: {text}, k: 1 }} }} ]\n";

        Assert.Equal(expected, ((ConvLayer)Block(yaml, "B").Layers.Single()).Out.ToString());
    }

    [Fact]
    public void ExpressionSpansPointInsideTheScalar()
    {
        var conv = (ConvLayer)Block("blocks:\n  B:\n    params: { planes: int }\n    layers: [ { conv: { out: $planes * 4, k: 1 } } ]\n", "B").Layers.Single();
        var product = (BinaryExpr)conv.Out;

        Assert.Equal((3, 29, 3, 40), (product.Span.StartLine, product.Span.StartColumn, product.Span.EndLine, product.Span.EndColumn));
        Assert.Equal((29, 36), (product.Left.Span.StartColumn, product.Left.Span.EndColumn));
    }

    [Fact]
    public void SugarBodiesAndBlockParametersLower()
    {
        var block = Block("blocks:\n  R:\n    params: { s: float = 0.17, n: int }\n    in: [$n, 8, 8]\n    residual: { body: [ relu ], scale: $s }\n", "R");

        Assert.IsType<ResidualLayer>(block.Layers.Single());
        Assert.Equal(new[] { ("s", ParamType.Float, "0.17"), ("n", ParamType.Int, (string?)null) }, block.Params.Select(p => (p.Name, p.Type, p.Default?.ToString())));
        Assert.Equal("$n", block.InShape[0].ToString());
    }

    [Fact]
    public void NamespaceComesFromTheFileOrTheCaller()
    {
        Assert.Equal("Tests", Specs.File("blocks: {}\n").Namespace);
        Assert.Equal("My.Nets", Specs.File("namespace: My.Nets\n").Namespace);
    }

    [Fact]
    public void VeryDeepNestingIsADiagnosticNotACrash()
    {
        var text = "layers: " + new string('[', 100_000) + new string(']', 100_000);

        Assert.Equal("ND0003", Assert.Single(Specs.Parse(text).Diagnostics).Id);
    }

    [Fact]
    public void ParsedModelsAreValueEqual()
    {
        var yaml = ReferenceNetworks.ResNet("R", "Bottleneck", new[] { 1, 1, 1, 1 });

        Assert.Equal(Specs.File(yaml), Specs.File(yaml));
    }
}
