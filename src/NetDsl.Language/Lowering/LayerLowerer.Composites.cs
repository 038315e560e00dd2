using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;
using NetDsl.Language.Vocabulary;

namespace NetDsl.Language.Lowering;

internal sealed partial class LayerLowerer
{
    /// <summary>The auxiliary loss weight of the GoogLeNet paper (Szegedy et al. 2015, §5), when a spec gives none.</summary>
    private const double DefaultAuxLossWeight = 0.3;

    private ConcatLayer? Concat(YamlNode? value, YamlScalar key)
    {
        if (value is not YamlList list || list.Items.Count == 0)
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, value?.Span ?? key.Span, "concat", "a non-empty list of branches", value?.Describe() ?? "nothing");
            return null;
        }

        var branches = new List<Branch>();
        foreach (var item in list.Items)
        {
            var name = string.Empty;
            var body = item;
            if (item is YamlMap map)
            {
                KeyedMap.Validate("concat branch", map, SpecVocabulary.Branch.Select(s => s.Key).ToArray(), Diagnostics);
                name = map.Get("name") is { } n ? _read.Identifier("name", n) ?? string.Empty : string.Empty;
                body = map.Get("layers") ?? item;
            }

            var layers = LowerList("branch", body, false);
            branches.Add(Branch(name, layers, item.Span));
        }

        return new ConcatLayer(branches.ToEquatableArray());
    }

    /// <summary>
    /// A branch is flat when it has no name and names every layer that holds weights: those names are then
    /// fields of the enclosing class. Otherwise it is one module, a Sequential when it has several layers.
    /// </summary>
    private Branch Branch(string name, List<Layer> layers, SourceSpan span)
    {
        if (name.Length == 0 && layers.Count == 1 && layers[0].NameIsExplicit)
        {
            return new Branch(layers[0].Name, layers.ToEquatableArray(), span);
        }

        var flat = name.Length == 0 && layers.Count > 1 && layers.Any(l => l.NameIsExplicit)
            && layers.All(l => l.NameIsExplicit || l is PoolLayer or ActivationLayer or ConcatLayer);
        if (!flat)
        {
            foreach (var layer in layers.Where(l => l is ConcatLayer or ResidualLayer))
            {
                Diagnostics.Add(DiagnosticDescriptors.NotAModule, layer.Span, layer is ConcatLayer ? "concat" : "residual");
            }

            layers.RemoveAll(l => l is ConcatLayer or ResidualLayer);
        }

        return new Branch(name, layers.ToEquatableArray(), span) { Flat = flat };
    }

    private ResidualLayer? Residual(KeyedMap map, YamlScalar key)
    {
        if (map.Get("body") is not { } bodyNode)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Own?.Span ?? key.Span, "residual", "body");
            return null;
        }

        var pre = map.Get("pre") is { } preNode ? LowerList("pre", preNode, false) : new List<Layer>();
        var body = LowerList("body", bodyNode, false);
        var shortcutNode = map.Get("shortcut");
        var shortcutName = map.Get("shortcut_name") is { } sn ? _read.Identifier("shortcut_name", sn) ?? string.Empty : string.Empty;
        Shortcut shortcut;
        if (shortcutNode is YamlList)
        {
            var layers = LowerList("shortcut", shortcutNode, true);
            shortcut = new Shortcut(ShortcutKind.Custom, shortcutName, layers.ToEquatableArray(), null, shortcutNode.Span);
        }
        else
        {
            var kind = shortcutNode is null ? ShortcutKind.Auto : _read.Choice("shortcut", shortcutNode, LayerKinds.Shortcuts) ?? ShortcutKind.Auto;
            var projectionNorm = Optional(map, "shortcut_norm", n => _read.Choice("shortcut_norm", n, LayerKinds.Norms), true);
            var norm = kind is ShortcutKind.Auto or ShortcutKind.Projection && projectionNorm ? Norm(new KeyedMap(_defaults.Stack("bn", null))) : null;
            shortcut = new Shortcut(kind, shortcutName, EquatableArray<Layer>.Empty, norm, shortcutNode?.Span ?? key.Span);
        }

        var scale = map.Get("scale") is { } scaleNode ? _read.Expression("scale", scaleNode) : new NumberExpr(1.0, false);
        var then = Optional(map, "then", n => _read.Choice("then", n, LayerKinds.ActivationOrNone), Activation.None);
        if (shortcut.Kind == ShortcutKind.None)
        {
            foreach (var unused in new[] { "scale", "shortcut_name", "shortcut_norm" }.Select(k => map.Own?.GetKey(k)).OfType<YamlScalar>())
            {
                Diagnostics.Add(DiagnosticDescriptors.PlainUnitSetting, unused.Span, unused.Value);
            }
        }

        return scale is null ? null : new ResidualLayer(pre.ToEquatableArray(), body.ToEquatableArray(), shortcut, scale, then);
    }

    private BlockLayer Block(string block, YamlMap? own) => new(block, Arguments(own, "name"));

    /// <summary><c>aux: { name: aux1, block: InceptionAux, args: { … }, weight: 0.3, from: inception4a }</c>.</summary>
    private AuxHeadLayer? AuxHead(YamlMap? own, YamlScalar key)
    {
        if (AuxHeadsNotAllowedIn is not null || _depth > 1)
        {
            Diagnostics.Add(DiagnosticDescriptors.AuxHeadPlacement, key.Span, AuxHeadsNotAllowedIn ?? "a nested list (a branch, a residual or a seq)");
            return null;
        }

        if (own is null || own.Get("block") is not YamlScalar { Value.Length: > 0 } block)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, own?.Span ?? key.Span, "aux", "block");
            return null;
        }

        KeyedMap.Validate("aux", own, LayerKinds.Aux, Diagnostics);
        var args = own.Get("args") is { } argsNode ? Arguments(argsNode as YamlMap ?? Wrong<YamlMap>("args", argsNode), null) : EquatableArray<Argument>.Empty;
        var weight = own.Get("weight") is { } w ? _read.Literal("weight", w) : DefaultAuxLossWeight;
        var fromNode = own.Get("from");
        var from = fromNode is null ? string.Empty : _read.Identifier("from", fromNode);
        if (weight is null || from is null)
        {
            return null;
        }

        return new AuxHeadLayer(block.Value, args, weight.Value, from) { FromSpan = fromNode?.Span ?? key.Span };
    }

    private RepeatLayer? LowerRepeat(YamlMap map)
    {
        KeyedMap.Validate("repeat", map, LayerKinds.Repeat, Diagnostics);
        var count = _read.Int("repeat", map.Get("repeat")!);
        if (map.Get("block") is not YamlScalar { Value.Length: > 0 } block)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Span, "repeat", "block");
            return null;
        }

        var args = map.Get("args") is { } argsNode ? Arguments(argsNode as YamlMap ?? Wrong<YamlMap>("args", argsNode), null) : EquatableArray<Argument>.Empty;
        var overrides = new List<RepeatOverride>();
        if (map.Get("at") is { } at)
        {
            foreach (var entry in (at as YamlMap ?? Wrong<YamlMap>("at", at))?.Entries ?? Enumerable.Empty<KeyValuePair<YamlScalar, YamlNode>>())
            {
                if (!int.TryParse(entry.Key.Value, out var index) || index < 0)
                {
                    Diagnostics.Add(DiagnosticDescriptors.WrongType, entry.Key.Span, "at", "a 0-based index", entry.Key.Value);
                    continue;
                }

                overrides.Add(new RepeatOverride(index, Arguments(entry.Value as YamlMap ?? Wrong<YamlMap>("at", entry.Value), null), entry.Key.Span));
            }
        }

        if (count is null)
        {
            return null;
        }

        var layer = new RepeatLayer(count, block.Value, args, overrides.ToEquatableArray()) { Span = map.GetKey("repeat")!.Span };
        return map.Get("name") is { } name && _read.Identifier("name", name) is { } id ? layer with { Name = id, NameIsExplicit = true } : layer;
    }

    private T? Wrong<T>(string key, YamlNode node)
        where T : class
    {
        Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "a mapping", node.Describe());
        return null;
    }

    private EquatableArray<Argument> Arguments(YamlMap? map, string? skip)
    {
        var args = new List<Argument>();
        foreach (var entry in map?.Entries ?? Enumerable.Empty<KeyValuePair<YamlScalar, YamlNode>>())
        {
            if (entry.Key.Value != skip && _read.Expression(entry.Key.Value, entry.Value) is { } value)
            {
                args.Add(new Argument(entry.Key.Value, value, entry.Key.Span));
            }
        }

        return args.ToEquatableArray();
    }
}
