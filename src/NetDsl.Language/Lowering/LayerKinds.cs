using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Vocabulary;

namespace NetDsl.Language.Lowering;

/// <summary>The spellings of keyword values and what they mean; the keys of each kind, from <see cref="SpecVocabulary"/>.</summary>
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

    /// <summary>Every layer kind and <c>repeat</c>, for "did you mean" hints.</summary>
    public static IEnumerable<string> All => SpecVocabulary.Layers.Select(k => k.Name).Concat(new[] { "repeat" });

    public static IReadOnlyList<string> Conv => Keys("conv");

    public static IReadOnlyList<string> Bn => Keys("bn");

    public static IReadOnlyList<string> MaxPool => Keys("maxpool");

    public static IReadOnlyList<string> AvgPool => Keys("avgpool");

    public static IReadOnlyList<string> Linear => Keys("linear");

    public static IReadOnlyList<string> Residual => Keys("residual");

    public static IReadOnlyList<string> Repeat => SpecVocabulary.Repeat.Select(s => s.Key).ToArray();

    public static IReadOnlyList<string> NameOnly => Keys("flatten");

    public static IReadOnlyList<string> Dropout => Keys("dropout");

    public static IReadOnlyList<string> AdaptivePool => Keys("adaptiveavgpool");

    public static IReadOnlyList<string> Aux => Keys("aux");

    /// <summary>Whether <paramref name="kind"/> may be given a value other than a mapping (<c>dropout: 0.2</c>).</summary>
    public static bool HasShorthand(string kind) => SpecVocabulary.Layer(kind)?.Shorthand is not null;

    private static IReadOnlyList<string> Keys(string kind) => SpecVocabulary.Layer(kind)!.Keys;
}
