using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering
{
    /// <summary>
    /// Lowers layer items to IR layers with defaults applied. Auto names are left empty for <see cref="Namer"/>;
    /// explicit names are set and flagged.
    /// </summary>
    internal sealed class LayerLowerer
    {
        private readonly ValueReader _read;
        private readonly Defaults _defaults;

        public LayerLowerer(ValueReader read, Defaults defaults)
        {
            _read = read;
            _defaults = defaults;
        }

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

            foreach (var item in list.Items)
            {
                if (Lower(item, inSequence) is { } layer)
                {
                    layers.Add(layer);
                }
            }

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
            if (value is not null and not YamlMap && kind is not ("dropout" or "concat" or "seq") && !(value is YamlScalar { Value: "" }))
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

        private KeyedMap Map(string kind, YamlMap? own, string[] allowed)
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

        private ConvLayer? Conv(KeyedMap map, YamlScalar key)
        {
            var outNode = map.Get("out");
            var kNode = map.Get("k");
            if (outNode is null || kNode is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Own?.Span ?? key.Span, "conv", outNode is null ? "out" : "k");
                return null;
            }

            var outChannels = _read.Int("out", outNode);
            var kernel = _read.Pair("k", kNode);
            var stride = OptionalRef(map, "s", n => _read.Pair("s", n), One());
            var dilation = OptionalRef(map, "dilation", n => _read.Pair("dilation", n), One());
            var groups = OptionalRef(map, "groups", n => _read.Int("groups", n), Expr.Int(1));
            var hasNorm = Optional(map, "norm", n => _read.Choice("norm", n, LayerKinds.Norms), false);
            var bias = Optional(map, "bias", n => _read.Bool("bias", n), !hasNorm);
            var act = Optional(map, "act", n => _read.Choice("act", n, LayerKinds.ActivationOrNone), Activation.None);
            var order = Optional(map, "order", n => _read.Choice("order", n, LayerKinds.Orders), ConvOrder.Post);
            var wrap = Optional(map, "wrap", n => _read.Bool("wrap", n), false);
            var normName = map.Get("norm_name") is { } nn ? _read.Identifier("norm_name", nn) : null;
            var norm = Norm(map);
            var padNode = map.Get("pad");
            var mode = padNode is YamlScalar { Value: "same" } ? PaddingMode.Same : padNode is YamlScalar { Value: "valid" } ? PaddingMode.Valid : PaddingMode.Explicit;
            if (outChannels is null || kernel is null || stride is null || dilation is null || groups is null)
            {
                return null;
            }

            var padding = mode switch
            {
                PaddingMode.Same => new Pair(SamePadding(kernel.H, dilation.H), SamePadding(kernel.W, dilation.W)),
                PaddingMode.Valid => Zero(),
                _ => padNode is null ? Zero() : _read.Pair("pad", padNode),
            };

            return padding is null ? null : new ConvLayer(outChannels, kernel, stride, mode, padding, dilation, groups, bias, hasNorm ? norm : null, act, order, wrap)
            {
                NormName = hasNorm ? normName : null,
            };
        }

        /// <summary>dilation·(k−1)/2, folded to a literal when both are literals.</summary>
        private static Expr SamePadding(Expr kernel, Expr dilation) =>
            kernel is NumberExpr k && dilation is NumberExpr d
                ? Expr.Int((int)(d.Value * (k.Value - 1) / 2), kernel.Span)
                : new BinaryExpr(BinaryOp.Divide, new BinaryExpr(BinaryOp.Multiply, dilation, new BinaryExpr(BinaryOp.Subtract, kernel, Expr.Int(1))), Expr.Int(2)) { Span = kernel.Span };

        private NormSpec Norm(KeyedMap map) => new(
            Optional(map, "eps", n => _read.Literal("eps", n), 1e-5),
            Optional(map, "momentum", n => _read.Literal("momentum", n), 0.1));

        private PoolLayer? Pool(PoolKind kind, KeyedMap map, YamlScalar key)
        {
            if (map.Get("k") is not { } kNode)
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Own?.Span ?? key.Span, kind == PoolKind.Max ? "maxpool" : "avgpool", "k");
                return null;
            }

            var kernel = _read.Pair("k", kNode);
            var stride = map.Get("s") is { } s ? _read.Pair("s", s) : kernel;
            var padding = OptionalRef(map, "pad", n => _read.Pair("pad", n), Zero());
            var ceil = Optional(map, "ceil", n => _read.Bool("ceil", n), false);
            var countPad = Optional(map, "count_include_pad", n => _read.Bool("count_include_pad", n), true);
            return kernel is null || stride is null || padding is null ? null : new PoolLayer(kind, kernel, stride, padding, ceil, countPad);
        }

        private DropoutLayer? Dropout(YamlNode? value, YamlScalar key)
        {
            if (value is YamlMap map)
            {
                KeyedMap.Validate("dropout", map, LayerKinds.Dropout, Diagnostics);
                value = map.Get("p");
            }

            if (value is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingKey, key.Span, "dropout", "p");
                return null;
            }

            var p = _read.Expression("p", value);
            if (p is NumberExpr n && (n.Value < 0 || n.Value > 1))
            {
                Diagnostics.Add(DiagnosticDescriptors.BadValue, p.Span, "p", "dropout", n, "a probability must be between 0 and 1");
                return null;
            }

            return p is null ? null : new DropoutLayer(p);
        }

        private LinearLayer? Linear(KeyedMap map, YamlScalar key)
        {
            if (map.Get("out") is not { } outNode)
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Own?.Span ?? key.Span, "linear", "out");
                return null;
            }

            var features = _read.Int("out", outNode);
            var bias = Optional(map, "bias", n => _read.Bool("bias", n), true);
            return features is null ? null : new LinearLayer(features, bias);
        }

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
                    KeyedMap.Validate("concat branch", map, new[] { "name", "layers" }, Diagnostics);
                    name = map.Get("name") is { } n ? _read.Identifier("name", n) ?? string.Empty : string.Empty;
                    body = map.Get("layers") ?? item;
                }

                var layers = LowerList("branch", body, true);
                branches.Add(new Branch(name, layers.ToEquatableArray(), item.Span));
            }

            return new ConcatLayer(branches.ToEquatableArray());
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
                var norm = kind is ShortcutKind.Auto or ShortcutKind.Projection ? Norm(new KeyedMap(_defaults.Stack("bn", null))) : null;
                shortcut = new Shortcut(kind, shortcutName, EquatableArray<Layer>.Empty, norm, shortcutNode?.Span ?? key.Span);
            }

            var scale = map.Get("scale") is { } scaleNode ? _read.Expression("scale", scaleNode) : new NumberExpr(1.0, false);
            var then = Optional(map, "then", n => _read.Choice("then", n, LayerKinds.ActivationOrNone), Activation.None);
            return scale is null ? null : new ResidualLayer(pre.ToEquatableArray(), body.ToEquatableArray(), shortcut, scale, then);
        }

        private BlockLayer Block(string block, YamlMap? own) => new(block, Arguments(own, "name"));

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

        private static T Optional<T>(KeyedMap map, string key, System.Func<YamlNode, T?> read, T fallback)
            where T : struct => map.Get(key) is { } node ? read(node) ?? fallback : fallback;

        private static T? OptionalRef<T>(KeyedMap map, string key, System.Func<YamlNode, T?> read, T fallback)
            where T : class => map.Get(key) is { } node ? read(node) : fallback;

        private static Pair One() => new(Expr.Int(1), Expr.Int(1));

        private static Pair Zero() => new(Expr.Int(0), Expr.Int(0));
    }
}
