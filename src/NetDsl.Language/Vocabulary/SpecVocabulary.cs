using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Lowering;

namespace NetDsl.Language.Vocabulary;

/// <summary>
/// Every key, layer kind and keyword a <c>.net.yaml</c> file may use, with what it takes, its default and what it
/// means. The lowering checks keys against these tables, and the JSON Schema for editors
/// (<c>netdsl schema</c>, schema/netdsl.schema.json) is printed from them, so the two cannot drift apart.
/// </summary>
public static class SpecVocabulary
{
    private static readonly SettingInfo Name = new("name", ValueKind.Name, "The module's field name and state-dict key (a C# identifier, unique in its class); chosen automatically when left out.", inDefaults: false);

    private static readonly SettingInfo[] NormSettings =
    {
        new("eps", ValueKind.Number, "The batch norm's epsilon (a literal).", "1e-5"),
        new("momentum", ValueKind.Number, "The batch norm's running-statistics momentum (a literal).", "0.1"),
    };

    /// <summary>The keys of a file's root mapping.</summary>
    public static IReadOnlyList<SettingInfo> File { get; } = new SettingInfo[]
    {
        new("network", ValueKind.Name, "The network's class name. Leave it out for a file that only declares blocks (a block library)."),
        new("namespace", ValueKind.Namespace, "The namespace of the generated classes.", "the project's root namespace"),
        new("input", ValueKind.Shape, "The network's nominal input shape [C, H, W], without the batch dimension: the size its summary, constants and docs are for. Required with 'network'."),
        new("accepts", ValueKind.InputSizes, "Every input the network accepts, [C, H, W], each checked at build time: H and W are each a size (224), a range (32.. or 32..512) or a list of sizes ([224, 299]).", "only 'input'"),
        new("params", ValueKind.Parameters, "Network parameters, which become constructor parameters: { classes: int = 1000 }."),
        new("defaults", ValueKind.Defaults, "Settings applied to every layer of a kind in this file; a layer's own settings win."),
        new("blocks", ValueKind.Blocks, "Reusable blocks, each generated as a class of its own and usable from every spec of the project."),
        new("layers", ValueKind.Layers, "The network's layers, in order. Required with 'network'."),
    };

    /// <summary>The keys of a block's mapping (one of <c>layers</c>, <c>concat</c> and <c>residual</c> is its body).</summary>
    public static IReadOnlyList<SettingInfo> Block { get; } = new SettingInfo[]
    {
        new("params", ValueKind.Parameters, "Block parameters, which become constructor parameters after inChannels: { planes: int, stride: int = 1 }."),
        new("in", ValueKind.ShapeExpression, "The input shape [C, H, W] the block is written for, checked wherever it is used."),
        new("defaults", ValueKind.Defaults, "Settings applied to every layer of a kind inside this block; they win over the file's."),
        new("layers", ValueKind.Layers, "The block's body: its layers, in order."),
        new("concat", ValueKind.Branches, "The block's body: branches that read the same input, concatenated along the channels."),
        new("residual", ValueKind.Residual, "The block's body: a residual unit (the settings of a 'residual' layer)."),
    };

    /// <summary>The keys of a block's body; a block has exactly one.</summary>
    public static IReadOnlyList<string> BlockBodies { get; } = new[] { "layers", "concat", "residual" };

    /// <summary>The keys of a repeat item, <c>{ repeat: 4, block: Bottleneck, args: { … }, at: { 0: { … } } }</c>.</summary>
    public static IReadOnlyList<SettingInfo> Repeat { get; } = new SettingInfo[]
    {
        new("repeat", ValueKind.Integer, "How many times to use the block in a row (at least 1); a Sequential named layer1, layer2, … by default.", required: true),
        new("block", ValueKind.BlockName, "The block to repeat.", required: true),
        new("args", ValueKind.Arguments, "Arguments for every use of the block."),
        new("at", ValueKind.Overrides, "Arguments for given 0-based indices, over 'args': { 0: { stride: 2 } }."),
        Name,
    };

    /// <summary>The keys of a named concat branch, <c>{ name: branch3x3, layers: [ … ] }</c>.</summary>
    public static IReadOnlyList<SettingInfo> Branch { get; } = new SettingInfo[]
    {
        new("name", ValueKind.Name, "The branch's module name (branch0, branch1, … by default)."),
        new("layers", ValueKind.Layers, "The branch's layers."),
    };

    /// <summary>The types a parameter may be declared with.</summary>
    public static IReadOnlyList<string> ParameterTypes { get; } = new[] { "int", "float" };

    /// <summary>Names no parameter may take.</summary>
    public static IReadOnlyCollection<string> ReservedParameters => ParamsLowerer.Reserved;

    /// <summary>C# keywords, which no name may be (names become fields, parameters and classes).</summary>
    public static IReadOnlyCollection<string> Keywords => Identifiers.Keywords;

    /// <summary>The layer kinds, in the order the language reference lists them.</summary>
    public static IReadOnlyList<LayerKindInfo> Layers { get; } = new[]
    {
        new LayerKindInfo(
            "conv",
            "A 2-D convolution over whatever channels flow in, optionally followed by a batch norm and an activation (or preceded by them, with order: pre).",
            new SettingInfo[]
            {
                new("out", ValueKind.Integer, "Output channels. Required, here or in the defaults."),
                new("k", ValueKind.Pair, "Kernel size, n or [h, w]. Required, here or in the defaults."),
                new("s", ValueKind.Pair, "Stride, n or [h, w].", "1"),
                new("pad", ValueKind.Padding, "Zero padding per side: n, [h, w], same (keeps the size at stride 1; the effective kernel must be odd) or valid (0).", "0"),
                new("dilation", ValueKind.Pair, "Dilation, n or [h, w].", "1"),
                new("groups", ValueKind.Integer, "Convolution groups; they must divide the input and output channels.", "1"),
                new("bias", ValueKind.Boolean, "Whether the convolution has a bias.", "true without a norm, false with one"),
                new("norm", ValueKind.Choice, "batch adds a batch norm.", "none", LayerKinds.Norms.Keys),
                NormSettings[0],
                NormSettings[1],
                new("act", ValueKind.Choice, "The activation.", "none", LayerKinds.ActivationOrNone.Keys),
                new("order", ValueKind.Choice, "post: conv → norm → act. pre: norm → act → conv (the norm sees the input channels).", "post", LayerKinds.Orders.Keys),
                new("wrap", ValueKind.Boolean, "true makes conv and norm one module with children conv and bn.", "false"),
                Name,
                new("norm_name", ValueKind.Name, "The batch norm's name when it is not wrapped (bn1, bn2, … by default).", inDefaults: false),
            },
            takesDefaults: true),
        new LayerKindInfo("bn", "A batch norm over the current channels.", NormSettings.Append(Name), takesDefaults: true),
    }.Concat(LayerKinds.Activations.Keys.Select(act => new LayerKindInfo(act, $"The {act} activation (no parameters and no module: forward calls it).", new[] { Name }))).Concat(new[]
    {
        new LayerKindInfo("maxpool", "Max pooling.", PoolSettings(), takesDefaults: true),
        new LayerKindInfo(
            "avgpool",
            "Average pooling.",
            PoolSettings(new SettingInfo("count_include_pad", ValueKind.Boolean, "Whether the padding counts in the average.", "true")),
            takesDefaults: true),
        new LayerKindInfo("globalavgpool", "Averages each channel to 1×1.", new[] { Name }),
        new LayerKindInfo("globalmaxpool", "Takes each channel's maximum (1×1).", new[] { Name }),
        AdaptivePool("adaptiveavgpool", "Average-pools to a fixed size whatever the input size: 7, [7, 7] or { out: [7, 7] }."),
        AdaptivePool("adaptivemaxpool", "Max-pools to a fixed size whatever the input size: 7, [7, 7] or { out: [7, 7] }."),
        new LayerKindInfo(
            "dropout",
            "Dropout, active in training mode only: dropout: 0.2 or { p: 0.2 }.",
            new[] { new SettingInfo("p", ValueKind.Probability, "The probability of zeroing an element, 0 to 1.", required: true), Name },
            shorthand: ValueKind.Probability),
        new LayerKindInfo("flatten", "Turns [C, H, W] into [C·H·W].", new[] { Name }),
        new LayerKindInfo(
            "linear",
            "A fully connected layer; its input features are inferred.",
            new SettingInfo[]
            {
                new("out", ValueKind.Integer, "Output features. Required, here or in the defaults."),
                new("bias", ValueKind.Boolean, "Whether the layer has a bias.", "true"),
                Name,
            },
            takesDefaults: true),
        new LayerKindInfo("concat", "Branches that read the same input; their outputs are concatenated along the channels and must agree in height and width.", null, shorthand: ValueKind.Branches, named: false),
        new LayerKindInfo(
            "residual",
            "out = then(shortcut(x) + scale · body(x)).",
            new SettingInfo[]
            {
                new("pre", ValueKind.Layers, "Layers before the split, for pre-activation units; a projection shortcut reads their output."),
                new("body", ValueKind.Layers, "The residual branch. Required, here or in the defaults."),
                new("shortcut", ValueKind.Shortcut, "auto: identity when the body keeps the shape, else a projection. identity, projection (1×1 conv + batch norm), zeropad (He et al. option A), none (no shortcut: the body alone, a plain unit), or a list of layers.", "auto", LayerKinds.Shortcuts.Keys),
                new("shortcut_name", ValueKind.Name, "The projection's name.", "downsample"),
                new("shortcut_norm", ValueKind.Choice, "none makes the projection a bare 1×1 conv.", "batch", LayerKinds.Norms.Keys),
                new("scale", ValueKind.Expression, "Multiplies the body before the add (Inception-ResNet uses 0.1–0.3).", "1.0"),
                new("then", ValueKind.Choice, "An activation after the add.", "none", LayerKinds.ActivationOrNone.Keys),
            },
            takesDefaults: true,
            named: false),
        new LayerKindInfo("seq", "A group of layers generated as a Sequential whose steps are keyed 0, 1, …; name it beside the kind: { name: features, seq: [ … ] }.", null, shorthand: ValueKind.Layers),
        new LayerKindInfo(
            "aux",
            "An auxiliary classifier: a block that reads an earlier layer's output and gives an extra output in training mode. Only in a network's own layers.",
            new SettingInfo[]
            {
                new("block", ValueKind.BlockName, "The head; it must end with flat logits [classes].", required: true),
                new("args", ValueKind.Arguments, "The block's arguments."),
                new("weight", ValueKind.Number, "The head's loss weight.", "0.3"),
                new("from", ValueKind.Name, "The network layer whose output the head reads.", "the layer before"),
                Name,
            }),
    }).ToArray();

    /// <summary>The kind called <paramref name="name"/>, or null.</summary>
    public static LayerKindInfo? Layer(string name) => Layers.FirstOrDefault(k => k.Name == name);

    /// <summary>A pool's settings, with <paramref name="extra"/> before its name.</summary>
    private static IEnumerable<SettingInfo> PoolSettings(params SettingInfo[] extra) => new SettingInfo[]
    {
        new("k", ValueKind.Pair, "Kernel size, n or [h, w]. Required, here or in the defaults."),
        new("s", ValueKind.Pair, "Stride, n or [h, w].", "the kernel size"),
        new("pad", ValueKind.Pair, "Padding per side, at most half the kernel.", "0"),
        new("ceil", ValueKind.Boolean, "Round the output size up instead of down (ceil mode).", "false"),
    }.Concat(extra).Append(Name);

    private static LayerKindInfo AdaptivePool(string name, string description) =>
        new(name, description, new[] { new SettingInfo("out", ValueKind.Pair, "The output size, n or [h, w].", required: true), Name }, shorthand: ValueKind.Pair);
}
