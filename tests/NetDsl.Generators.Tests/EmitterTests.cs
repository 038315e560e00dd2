using System.Linq;
using NetDsl.Language;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Generators.Tests;

public class EmitterTests
{
    [Fact]
    public void HandBuiltSpecMatchesSnapshot() =>
        Snapshot.Verify("tiny", HandBuiltSpecs.Emit(HandBuiltSpecs.Tiny()));

    [Fact]
    public void HandBuiltSpecCompilesWithoutWarnings()
    {
        var source = HandBuiltSpecs.Emit(HandBuiltSpecs.Tiny());
        var problems = Compiler.Problems(Compiler.Create(source));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ResidualVariantsMatchSnapshotAndCompile()
    {
        var file = new SpecFile("variants.net.yaml", "NetDsl.Tests", EquatableArray.Of(HandBuiltSpecs.PreAct(), HandBuiltSpecs.Scaled()), null);
        var source = HandBuiltSpecs.Emit(file);
        Snapshot.Verify("variants", source);
        var problems = Compiler.Problems(Compiler.Create(source));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ProjectionIsDecidedInTheConstructorLikeTorchvision()
    {
        var source = HandBuiltSpecs.Emit(HandBuiltSpecs.Tiny());
        Assert.Contains("if (stride != 1 || inChannels != planes * 4)", source);
        Assert.Contains("private readonly Sequential? downsample;", source);
        Assert.Contains("x.add_(identity);", source);
    }

    [Fact]
    public void ConcatChannelsAreFoldedToOneConstant()
    {
        // Mixed outputs 96 + 96 + 96 channels; the linear after the global pool reads them as one literal.
        var source = HandBuiltSpecs.Emit(HandBuiltSpecs.Tiny());
        Assert.Contains("fc = nn.Linear(288, classes);", source);
        Assert.Contains("(\"1\", new Bottleneck(64, planes: 16))", source);
    }

    [Fact]
    public void RepeatCountOverParametersBecomesALoopThatCompiles()
    {
        var stage = HandBuiltSpecs.Block(
            "Stage",
            EquatableArray.Of(HandBuiltSpecs.Int("depth"), HandBuiltSpecs.Int("planes")),
            new RepeatLayer(
                HandBuiltSpecs.Param("depth"),
                "Bottleneck",
                EquatableArray.Of(new Argument("planes", HandBuiltSpecs.Param("planes"), default)),
                EquatableArray.Of(new RepeatOverride(0, EquatableArray.Of(new Argument("stride", Expr.Int(2), default)), default))) { Name = "layer1" });
        var file = new SpecFile("stage.net.yaml", "NetDsl.Tests", EquatableArray.Of(HandBuiltSpecs.Bottleneck(), stage), null);
        var source = HandBuiltSpecs.Emit(file);
        Assert.Contains("for (var i = 0; i < depth; i++)", source);
        Assert.Contains("new Bottleneck(i == 0 ? inChannels : planes * 4, planes: planes, stride: i == 0 ? 2 : 1)", source);
        var problems = Compiler.Problems(Compiler.Create(source));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AFieldNamedLikeAParameterIsAssignedThroughThis()
    {
        const string Spec = "blocks:\n  Head:\n    params: { dropout: float = 0.5 }\n    layers: [ globalavgpool, flatten, { dropout: $dropout }, { linear: { out: 4 } } ]\n";
        var parsed = NetDslProject.Parse("head.net.yaml", Spec, "NetDsl.Tests");
        var result = NetDslProject.Generate("head.net.yaml", parsed, parsed.File!.Blocks);

        Assert.Empty(result.Diagnostics);
        Assert.Contains("this.dropout = nn.Dropout(dropout);", result.Source);
        var problems = Compiler.Problems(Compiler.Create(result.Source!));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void FoldingKeepsParametersSymbolic()
    {
        var sum = CodeExprProbe.Sum(new Expr[] { Expr.Int(128), Expr.Int(384), Expr.Int(256), Expr.Int(256) });
        Assert.Equal("1024", sum);
        Assert.Equal("planes * 4", CodeExprProbe.Sum(new Expr[] { HandBuiltSpecs.Times(HandBuiltSpecs.Param("planes"), 4), Expr.Int(0) }));
        Assert.Equal("a + 192", CodeExprProbe.Sum(new Expr[] { Expr.Int(96), HandBuiltSpecs.Param("a"), Expr.Int(96) }));
    }

    private static class CodeExprProbe
    {
        // The concat of one-conv branches exercises the same folding the emitter uses for channel sums.
        public static string Sum(Expr[] outs)
        {
            var branches = outs.Select((o, i) => new Branch("branch" + i, EquatableArray.Of<Layer>(HandBuiltSpecs.Conv(o, 1, act: Activation.None, name: "0", wrap: true) with { Norm = null }), default));
            var block = HandBuiltSpecs.Block("Probe", EquatableArray.Of(HandBuiltSpecs.Int("planes"), HandBuiltSpecs.Int("a")), new ConcatLayer(branches.ToEquatableArray()) { Name = "c" }, new LinearLayer(Expr.Int(1), true) { Name = "fc" });
            var withPool = block with { Layers = EquatableArray.Of<Layer>(block.Layers[0], new GlobalPoolLayer(PoolKind.Avg) { Name = "avgpool" }, new FlattenLayer(), block.Layers[1]) };
            var source = HandBuiltSpecs.Emit(new SpecFile("probe.net.yaml", "P", EquatableArray.Of(withPool), null));
            var line = source.Split('\n').Single(l => l.Contains("fc = nn.Linear("));
            return line.Trim().Substring("fc = nn.Linear(".Length).Split(", 1)")[0];
        }
    }
}
