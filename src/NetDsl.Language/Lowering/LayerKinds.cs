using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Lowering;

/// <summary>The spellings of layer kinds and keyword values.</summary>
internal static class LayerKinds
{
    public static readonly IReadOnlyDictionary<string, Activation> Activations = new Dictionary<string, Activation>
    {
        ["relu"] = Activation.Relu, ["relu6"] = Activation.Relu6, ["leakyrelu"] = Activation.LeakyRelu,
        ["sigmoid"] = Activation.Sigmoid, ["tanh"] = Activation.Tanh, ["gelu"] = Activation.Gelu, ["silu"] = Activation.Silu,
    };

    public static readonly IReadOnlyDictionary<string, Activation> ActivationOrNone =
        Activations.Concat(new[] { new KeyValuePair<string, Activation>("none", Activation.None) }).ToDictionary(p => p.Key, p => p.Value);

    public static readonly IReadOnlyDictionary<string, bool> Norms = new Dictionary<string, bool> { ["batch"] = true, ["none"] = false };

    public static readonly IReadOnlyDictionary<string, ConvOrder> Orders = new Dictionary<string, ConvOrder> { ["post"] = ConvOrder.Post, ["pre"] = ConvOrder.Pre };

    public static readonly IReadOnlyDictionary<string, ShortcutKind> Shortcuts = new Dictionary<string, ShortcutKind>
    {
        ["auto"] = ShortcutKind.Auto, ["identity"] = ShortcutKind.Identity, ["projection"] = ShortcutKind.Projection, ["zeropad"] = ShortcutKind.ZeroPad, ["none"] = ShortcutKind.None,
    };

    public static readonly string[] All =
        Activations.Keys.Concat(new[] { "flatten", "bn", "globalavgpool", "globalmaxpool", "adaptiveavgpool", "adaptivemaxpool", "aux", "conv", "maxpool", "avgpool", "dropout", "linear", "concat", "residual", "seq", "repeat" }).ToArray();

    public static readonly string[] Conv = { "out", "k", "s", "pad", "dilation", "groups", "bias", "norm", "eps", "momentum", "act", "order", "wrap", "name", "norm_name" };

    public static readonly string[] Bn = { "eps", "momentum", "name" };

    public static readonly string[] MaxPool = { "k", "s", "pad", "ceil", "name" };

    public static readonly string[] AvgPool = { "k", "s", "pad", "ceil", "count_include_pad", "name" };

    public static readonly string[] Linear = { "out", "bias", "name" };

    public static readonly string[] Residual = { "pre", "body", "shortcut", "shortcut_name", "shortcut_norm", "scale", "then" };

    public static readonly string[] Repeat = { "repeat", "block", "args", "at", "name" };

    public static readonly string[] NameOnly = { "name" };

    public static readonly string[] Dropout = { "p", "name" };

    public static readonly string[] AdaptivePool = { "out", "name" };

    public static readonly string[] Aux = { "block", "args", "weight", "from", "name" };
}
