using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Backends.CSharp;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>
/// IR written by hand, as lowering produces it (names resolved, defaults applied), so the emitter is tested
/// without the parser.
/// </summary>
internal static class HandBuiltSpecs
{
    private static readonly NormSpec Bn = new(1e-5, 0.1);

    public static Pair P(int value) => new(Expr.Int(value), Expr.Int(value));

    public static Pair P(Expr value) => new(value, value);

    public static Expr Param(string name) => new ParamExpr(name);

    public static Expr Times(Expr left, int right) => new BinaryExpr(BinaryOp.Multiply, left, Expr.Int(right));

    public static ConvLayer Conv(Expr @out, int k, Pair? stride = null, int pad = 0, Activation act = Activation.Relu, string name = "conv1", string? normName = "bn1", bool wrap = false) =>
        new(@out, P(k), stride ?? P(1), PaddingMode.Explicit, P(pad), P(1), Expr.Int(1), false, Bn, act, ConvOrder.Post, wrap)
        {
            Name = name,
            NormName = wrap ? null : normName,
        };

    public static BlockDef Block(string name, EquatableArray<ParamDef> parameters, params Layer[] layers) =>
        new(name, "NetDsl.Tests", parameters, EquatableArray<Expr>.Empty, layers.ToEquatableArray(), default);

    public static ParamDef Int(string name, int? value = null) =>
        new(name, ParamType.Int, value is { } v ? Expr.Int(v) : null, default);

    /// <summary>torchvision's Bottleneck: conv1/bn1 … conv3/bn3, auto shortcut named downsample.</summary>
    public static BlockDef Bottleneck() => Block(
        "Bottleneck",
        EquatableArray.Of(Int("planes"), Int("stride", 1)),
        new ResidualLayer(
            EquatableArray<Layer>.Empty,
            EquatableArray.Of<Layer>(
                Conv(Param("planes"), 1, name: "conv1", normName: "bn1"),
                Conv(Param("planes"), 3, P(Param("stride")), 1, name: "conv2", normName: "bn2"),
                Conv(Times(Param("planes"), 4), 1, act: Activation.None, name: "conv3", normName: "bn3")),
            new Shortcut(ShortcutKind.Auto, "downsample", EquatableArray<Layer>.Empty, Bn, default),
            Expr.Int(1),
            Activation.Relu));

    /// <summary>An Inception-style block: four branches, single-module ones and Sequentials.</summary>
    public static BlockDef Mixed() => Block(
        "Mixed",
        EquatableArray<ParamDef>.Empty,
        new ConcatLayer(EquatableArray.Of(
            new Branch("branch0", EquatableArray.Of<Layer>(Conv(Expr.Int(96), 1, name: "0", wrap: true)), default),
            new Branch("branch1", EquatableArray.Of<Layer>(Conv(Expr.Int(64), 1, name: "0", wrap: true), Conv(Expr.Int(96), 3, pad: 1, name: "1", wrap: true)), default),
            new Branch("branch2", EquatableArray.Of<Layer>(
                new PoolLayer(PoolKind.Avg, P(3), P(1), P(1), false, false) { Name = "0" },
                Conv(Expr.Int(96), 1, name: "1", wrap: true)), default))) { Name = "concat" });

    public static SpecFile Tiny()
    {
        var network = new NetworkDef(
            "TinyNet",
            "NetDsl.Tests",
            EquatableArray.Of(3, 32, 32),
            EquatableArray.Of(new ParamDef("classes", ParamType.Int, Expr.Int(10), default)),
            EquatableArray.Of<Layer>(
                Conv(Expr.Int(64), 3, pad: 1),
                new PoolLayer(PoolKind.Max, P(3), P(2), P(1), false, true) { Name = "maxpool" },
                new RepeatLayer(Expr.Int(2), "Bottleneck", EquatableArray.Of(new Argument("planes", Expr.Int(16), default)),
                    EquatableArray.Of(new RepeatOverride(0, EquatableArray.Of(new Argument("stride", Expr.Int(2), default)), default))) { Name = "layer1" },
                new BlockLayer("Mixed", EquatableArray<Argument>.Empty) { Name = "mixed" },
                new GlobalPoolLayer(PoolKind.Avg) { Name = "avgpool" },
                new DropoutLayer(new NumberExpr(0.2, false)) { Name = "dropout" },
                new FlattenLayer(),
                new LinearLayer(Param("classes"), true) { Name = "fc" }),
            default);
        return new SpecFile("tiny.net.yaml", "NetDsl.Tests", EquatableArray.Of(Bottleneck(), Mixed()), network);
    }

    /// <summary>A pre-activation unit (PreAct ResNet): bn1/relu before conv1, projection reads the pre-activated input.</summary>
    public static BlockDef PreAct() => Block(
        "PreActBlock",
        EquatableArray.Of(Int("planes"), Int("stride", 1)),
        new ResidualLayer(
            EquatableArray.Of<Layer>(new BatchNormLayer(Bn) { Name = "bn1" }, new ActivationLayer(Activation.Relu)),
            EquatableArray.Of<Layer>(
                Conv(Param("planes"), 3, P(Param("stride")), 1, act: Activation.None, name: "conv1", normName: null) with { Norm = null },
                new BatchNormLayer(Bn) { Name = "bn2" },
                new ActivationLayer(Activation.Relu),
                Conv(Param("planes"), 3, pad: 1, act: Activation.None, name: "conv2", normName: null) with { Norm = null }),
            new Shortcut(ShortcutKind.Projection, "shortcut", EquatableArray<Layer>.Empty, Bn, default),
            Expr.Int(1),
            Activation.None));

    /// <summary>He et al. option A: a zero-padding shortcut and a scaled sum (Inception-ResNet style).</summary>
    public static BlockDef Scaled() => Block(
        "ScaledBlock",
        EquatableArray.Of(Int("planes"), new ParamDef("scale", ParamType.Float, new NumberExpr(0.17, false), default)),
        new ResidualLayer(
            EquatableArray<Layer>.Empty,
            EquatableArray.Of<Layer>(
                new ConvLayer(Param("planes"), new Pair(Expr.Int(1), Expr.Int(7)), P(1), PaddingMode.Same, new Pair(Expr.Int(0), Expr.Int(3)), P(1), Expr.Int(1), false, new NormSpec(0.001, 0.1), Activation.Relu, ConvOrder.Post, true) { Name = "conv1" },
                new SequenceLayer(EquatableArray.Of<Layer>(
                    Conv(Param("planes"), 3, pad: 1, act: Activation.None, name: "0", wrap: true) with { Norm = null },
                    new ActivationLayer(Activation.Silu) { Name = "1" },
                    new DropoutLayer(Param("scale")) { Name = "2" })) { Name = "features" }),
            new Shortcut(ShortcutKind.ZeroPad, "shortcut", EquatableArray<Layer>.Empty, null, default),
            Param("scale"),
            Activation.Relu));

    /// <summary>torchvision's resnet50 as lowering would produce it from samples/NetDsl.Zoo/resnet50.net.yaml.</summary>
    public static SpecFile ResNet50()
    {
        RepeatLayer Stage(string name, int count, int planes, bool strided) => new(
            Expr.Int(count),
            "Bottleneck",
            EquatableArray.Of(new Argument("planes", Expr.Int(planes), default)),
            strided
                ? EquatableArray.Of(new RepeatOverride(0, EquatableArray.Of(new Argument("stride", Expr.Int(2), default)), default))
                : EquatableArray<RepeatOverride>.Empty) { Name = name };

        var network = new NetworkDef(
            "ResNet50",
            "NetDsl.Tests",
            EquatableArray.Of(3, 224, 224),
            EquatableArray.Of(new ParamDef("classes", ParamType.Int, Expr.Int(1000), default)),
            EquatableArray.Of<Layer>(
                Conv(Expr.Int(64), 7, P(2), 3),
                new PoolLayer(PoolKind.Max, P(3), P(2), P(1), false, true) { Name = "maxpool" },
                Stage("layer1", 3, 64, false),
                Stage("layer2", 4, 128, true),
                Stage("layer3", 6, 256, true),
                Stage("layer4", 3, 512, true),
                new GlobalPoolLayer(PoolKind.Avg) { Name = "avgpool" },
                new FlattenLayer(),
                new LinearLayer(Param("classes"), true) { Name = "fc" }),
            default);
        return new SpecFile("resnet50.net.yaml", "NetDsl.Tests", EquatableArray.Of(Bottleneck()), network);
    }

    /// <summary>Analyses a hand-built file on its own (its blocks are the library) and prints its plan.</summary>
    public static string Emit(SpecFile file)
    {
        var analysis = SpecAnalyzer.Analyze(file, file.Blocks);
        Assert.True(analysis.Plan is not null, string.Join("\n", analysis.Diagnostics));
        return CSharpEmitter.Emit(analysis.Plan!);
    }
}
