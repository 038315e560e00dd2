using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering;

/// <summary>
/// Lowers layer items to IR layers with defaults applied. Auto names are left empty for <see cref="Namer"/>;
/// explicit names are set and flagged.
/// </summary>
internal sealed partial class LayerLowerer
{
    private readonly ValueReader _read;
    private readonly Defaults _defaults;

    private int _depth;

    public LayerLowerer(ValueReader read, Defaults defaults)
    {
        _read = read;
        _defaults = defaults;
    }

    /// <summary>What the outermost list is, in words (<c>a block</c>); null for a network's own layers, the one place for an aux head.</summary>
    public string? AuxHeadsNotAllowedIn { get; init; } = "a block";

    private DiagnosticBag Diagnostics => _read.Diagnostics;

    /// <summary>The layers of a list; <paramref name="inSequence"/> when each must be one module.</summary>
    public List<Layer> LowerList(string key, YamlNode node, bool inSequence)
    {
        var layers = new List<Layer>();
        if (node is not YamlList list)
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "a list of layers", node.Describe());
            return layers;
        }

        _depth++;
        foreach (var item in list.Items)
        {
            if (Lower(item, inSequence) is { } layer)
            {
                layers.Add(layer);
            }
        }

        _depth--;
        return layers;
    }

    private Layer? Lower(YamlNode item, bool inSequence)
    {
        switch (item)
        {
            case YamlScalar scalar:
                return LowerKind(scalar.Value, scalar, null, null, inSequence);
            case YamlMap map when map.Get("repeat") is not null:
                return LowerRepeat(map);
            case YamlMap map:
                var kinds = map.Entries.Where(e => e.Key.Value != "name").ToList();
                if (kinds.Count != 1)
                {
                    var found = kinds.Count == 0 ? "none" : string.Join(", ", kinds.Select(k => "'" + k.Key.Value + "'"));
                    Diagnostics.Add(DiagnosticDescriptors.AmbiguousLayer, map.Span, found);
                    return null;
                }

                return LowerKind(kinds[0].Key.Value, kinds[0].Key, kinds[0].Value, map.Get("name"), inSequence);
            default:
                Diagnostics.Add(DiagnosticDescriptors.WrongType, item.Span, "layers", "a layer name or a layer mapping", item.Describe());
                return null;
        }
    }

    private Layer? LowerKind(string kind, YamlScalar key, YamlNode? value, YamlNode? siblingName, bool inSequence)
    {
        var own = value as YamlMap;
        if (value is not null and not YamlMap && !LayerKinds.HasShorthand(kind) && !(value is YamlScalar { Value: "" }))
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, value.Span, kind, "a mapping", value.Describe());
            return null;
        }

        Layer? layer = kind switch
        {
            "conv" => Conv(Map("conv", own, LayerKinds.Conv), key),
            "bn" => new BatchNormLayer(Norm(Map("bn", own, LayerKinds.Bn))),
            "maxpool" => Pool(PoolKind.Max, Map("maxpool", own, LayerKinds.MaxPool), key),
            "avgpool" => Pool(PoolKind.Avg, Map("avgpool", own, LayerKinds.AvgPool), key),
            "globalavgpool" => Plain(new GlobalPoolLayer(PoolKind.Avg), own),
            "globalmaxpool" => Plain(new GlobalPoolLayer(PoolKind.Max), own),
            "adaptiveavgpool" => AdaptivePool(PoolKind.Avg, value, key),
            "adaptivemaxpool" => AdaptivePool(PoolKind.Max, value, key),
            "aux" => AuxHead(own, key),
            "flatten" => Plain(new FlattenLayer(), own),
            "dropout" => Dropout(value, key),
            "linear" => Linear(Map("linear", own, LayerKinds.Linear), key),
            "concat" => NotInSequence("concat", key, inSequence) ? Concat(value, key) : null,
            "residual" => NotInSequence("residual", key, inSequence) ? Residual(Map("residual", own, LayerKinds.Residual), key) : null,
            "seq" => value is null ? Missing("seq", "a list of layers", key) : new SequenceLayer(LowerList("seq", value, true).ToEquatableArray()),
            _ when LayerKinds.Activations.TryGetValue(kind, out var act) => Plain(new ActivationLayer(act), own),
            _ when kind.Length > 0 && char.IsUpper(kind[0]) => Block(kind, own),
            _ => Unknown(kind, key),
        };

        return layer is null ? null : Named(layer with { Span = key.Span }, kind, value as YamlMap, siblingName);
    }

    private Layer? Unknown(string kind, YamlScalar key)
    {
        Diagnostics.Add(DiagnosticDescriptors.UnknownLayerKind, key.Span, kind, Suggestions.DidYouMean(kind, LayerKinds.All));
        return null;
    }

    private Layer? Missing(string what, string expected, YamlScalar key)
    {
        Diagnostics.Add(DiagnosticDescriptors.WrongType, key.Span, what, expected, "nothing");
        return null;
    }

    private bool NotInSequence(string kind, YamlScalar key, bool inSequence)
    {
        if (inSequence)
        {
            Diagnostics.Add(DiagnosticDescriptors.NotAModule, key.Span, kind);
        }

        return !inSequence;
    }

    private Layer Named(Layer layer, string kind, YamlMap? own, YamlNode? sibling)
    {
        var inner = own?.Get("name");
        if (inner is not null && sibling is not null)
        {
            Diagnostics.Add(DiagnosticDescriptors.NameGivenTwice, sibling.Span, kind, inner.Describe(), sibling.Describe());
            return layer;
        }

        var written = inner ?? sibling;
        if (written is null || layer is ResidualLayer or ConcatLayer)
        {
            if (written is not null)
            {
                Diagnostics.Add(DiagnosticDescriptors.UnknownKey, written.Span, "name", kind, "; a " + kind + " is not a module (name its branches or shortcut instead)");
            }

            return layer;
        }

        var name = _read.Identifier("name", written);
        return name is null ? layer : layer with { Name = name, NameIsExplicit = true };
    }

    private KeyedMap Map(string kind, YamlMap? own, IReadOnlyCollection<string> allowed)
    {
        if (own is not null)
        {
            KeyedMap.Validate(kind, own, allowed, Diagnostics);
        }

        return new KeyedMap(_defaults.Stack(kind, own));
    }

    private Layer? Plain(Layer layer, YamlMap? own)
    {
        if (own is not null)
        {
            KeyedMap.Validate(layer.GetType().Name, own, LayerKinds.NameOnly, Diagnostics);
        }

        return layer;
    }

    private static T Optional<T>(KeyedMap map, string key, System.Func<YamlNode, T?> read, T fallback)
        where T : struct => map.Get(key) is { } node ? read(node) ?? fallback : fallback;

    private static T? OptionalRef<T>(KeyedMap map, string key, System.Func<YamlNode, T?> read, T fallback)
        where T : class => map.Get(key) is { } node ? read(node) : fallback;

    private static Pair One() => new(Expr.Int(1), Expr.Int(1));

    private static Pair Zero() => new(Expr.Int(0), Expr.Int(0));
}
