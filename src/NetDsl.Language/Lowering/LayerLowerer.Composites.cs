using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering
{
    internal sealed partial class LayerLowerer
    {
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
    }
}
