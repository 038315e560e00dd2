using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Generators.Attributes;

/// <summary>
/// Reads the layer attributes in written order into the spec tree's <c>layers:</c> list. Structure is given by
/// markers: <c>[Concat]</c> <c>[Branch]</c>… <c>[End]</c>, <c>[Residual]</c> (body) <c>[Pre]</c>/<c>[Shortcut]</c>/<c>[Body]</c>…
/// <c>[End]</c>, <c>[Seq]</c>… <c>[End]</c>, and <c>[Repeat]</c> followed by its <c>[RepeatAt]</c>s.
/// </summary>
internal sealed class LayerSequence
{
    /// <summary>Attributes that say something about the declaration, not a layer; their position does not matter.</summary>
    public static readonly HashSet<string> Header = new()
    {
        "NetBlock", "Network", "Param", "ConvDefaults", "BnDefaults", "MaxPoolDefaults", "AvgPoolDefaults", "LinearDefaults", "ResidualDefaults",
    };

    private static readonly HashSet<string> Leaves = new()
    {
        "Conv", "Bn", "MaxPool", "AvgPool", "GlobalAvgPool", "GlobalMaxPool", "AdaptiveAvgPool", "AdaptiveMaxPool", "Dropout", "Flatten", "Linear", "Aux",
    };

    private readonly NodeBuilder _build;
    private readonly Stack<Frame> _open = new();
    private AttributeItem? _repeat;
    private List<KeyValuePair<YamlScalar, YamlNode>> _repeatAt = new();

    private LayerSequence(NodeBuilder build) => _build = build;

    public static YamlList Read(IReadOnlyList<AttributeItem> items, SourceSpan declaration, NodeBuilder build) =>
        new LayerSequence(build).Read(items, declaration);

    private YamlList Read(IReadOnlyList<AttributeItem> items, SourceSpan declaration)
    {
        var root = new ListFrame(null, null);
        _open.Push(root);
        foreach (var item in items.Where(i => !Header.Contains(i.Name)))
        {
            if (item.Name == "RepeatAt")
            {
                At(item);
                continue;
            }

            FlushRepeat();
            Step(item);
        }

        FlushRepeat();
        while (_open.Count > 1)
        {
            var frame = _open.Pop();
            Sequence(frame.Opener!, $"[{frame.Opener!.Name}] has no matching [End]");
            _open.Peek().Add(frame.Close(_build), frame.Opener!, this);
        }

        return new YamlList(root.Items, declaration);
    }

    private void Step(AttributeItem item)
    {
        switch (item.Name)
        {
            case "Concat":
                _open.Push(new ConcatFrame(item));
                break;
            case "Residual":
                _open.Push(new ResidualFrame(item));
                break;
            case "Seq":
                _open.Push(new ListFrame(item, item.Get("name")));
                break;
            case "Branch":
                if (_open.Peek() is ConcatFrame concat)
                {
                    concat.StartBranch(item, _build);
                }
                else
                {
                    Sequence(item, "[Branch] must be inside a [Concat] … [End]");
                }

                break;
            case "Pre" or "Body" or "Shortcut":
                if (_open.Peek() is ResidualFrame residual)
                {
                    residual.StartSection(item, this);
                }
                else
                {
                    Sequence(item, $"[{item.Name}] must be inside a [Residual] … [End]");
                }

                break;
            case "End":
                if (_open.Count == 1)
                {
                    Sequence(item, "[End] has no open [Concat], [Residual] or [Seq] to close");
                }
                else
                {
                    var frame = _open.Pop();
                    _open.Peek().Add(frame.Close(_build), frame.Opener!, this);
                }

                break;
            case "Repeat":
                _repeat = item;
                break;
            case "Block":
                Layer(Block(item), item);
                break;
            case "Act":
                Layer(Activation(item), item);
                break;
            case var leaf when Leaves.Contains(leaf):
                Layer(Leaf(item), item);
                break;
        }
    }

    private void Layer(YamlNode? layer, AttributeItem item)
    {
        if (layer is not null)
        {
            _open.Peek().Add(layer, item, this);
        }
    }

    private void Sequence(AttributeItem item, string message) =>
        _build.Diagnostics.Add(DiagnosticDescriptors.AttributeSequence.Create(item.Span, message));

    private YamlNode Leaf(AttributeItem item) =>
        NodeBuilder.Map(item.Span, NodeBuilder.Entry(item.Name.ToLowerInvariant(), item.NameSpan, new YamlMap(_build.Entries(item), item.Span)));

    private YamlNode? Activation(AttributeItem item)
    {
        if (item.Get("kind") is not { Value.Value: string kind } argument)
        {
            _build.Bad(item.Name, "kind", "an activation name", "null", item.Span);
            return null;
        }

        return item.Get("name") is { } name && _build.Entry(item.Name, name) is { } nameEntry
            ? NodeBuilder.Map(item.Span, NodeBuilder.Entry(kind, argument.Span, NodeBuilder.Map(item.Span, nameEntry)))
            : NodeBuilder.Scalar(kind, argument.Span);
    }

    private YamlNode? Block(AttributeItem item)
    {
        if (item.Get("block") is not { Value.Value: string block } argument)
        {
            _build.Bad(item.Name, "block", "a block name", "null", item.Span);
            return null;
        }

        var entries = (item.Get("args") is { } args ? _build.Pairs(item.Name, args)?.Entries : null)?.ToList() ?? new List<KeyValuePair<YamlScalar, YamlNode>>();
        if (item.Get("name") is { } name && _build.Entry(item.Name, name) is { } nameEntry)
        {
            _build.Add(entries, nameEntry);
        }

        return NodeBuilder.Map(item.Span, NodeBuilder.Entry(block, argument.Span, new YamlMap(entries, item.Span)));
    }

    private void At(AttributeItem item)
    {
        if (_repeat is null)
        {
            Sequence(item, "[RepeatAt] must follow a [Repeat] (or another [RepeatAt])");
            return;
        }

        if (item.Get("index") is { Value.Value: int index } indexArgument && item.Get("args") is { } args && _build.Pairs(item.Name, args) is { } overrides)
        {
            _build.Add(_repeatAt, NodeBuilder.Entry(index.ToString(System.Globalization.CultureInfo.InvariantCulture), indexArgument.Span, overrides));
        }
    }

    private void FlushRepeat()
    {
        if (_repeat is not { } item)
        {
            return;
        }

        var entries = _build.Entries(item);
        if (_repeatAt.Count > 0)
        {
            entries.Add(NodeBuilder.Entry("at", _repeatAt[0].Key.Span, new YamlMap(_repeatAt, item.Span)));
        }

        _repeat = null;
        _repeatAt = new List<KeyValuePair<YamlScalar, YamlNode>>();
        _open.Peek().Add(new YamlMap(entries, item.Span), item, this);
    }

    /// <summary>An open structure: the declaration's own list, a <c>[Seq]</c>, a <c>[Concat]</c> or a <c>[Residual]</c>.</summary>
    private abstract class Frame
    {
        protected Frame(AttributeItem? opener) => Opener = opener;

        public AttributeItem? Opener { get; }

        public abstract void Add(YamlNode layer, AttributeItem item, LayerSequence sequence);

        public abstract YamlNode Close(NodeBuilder build);
    }

    /// <summary>The declaration's own list of layers (no opener), or a <c>[Seq]</c>'s.</summary>
    private sealed class ListFrame : Frame
    {
        private readonly AttributeArgument? _name;

        public ListFrame(AttributeItem? opener, AttributeArgument? name)
            : base(opener) => _name = name;

        public List<YamlNode> Items { get; } = new();

        public override void Add(YamlNode layer, AttributeItem item, LayerSequence sequence) => Items.Add(layer);

        public override YamlNode Close(NodeBuilder build)
        {
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>> { NodeBuilder.Entry("seq", Opener!.NameSpan, new YamlList(Items, Opener.Span)) };
            if (_name is not null && build.Entry(Opener.Name, _name) is { } name)
            {
                entries.Add(name);
            }

            return new YamlMap(entries, Opener.Span);
        }
    }

    /// <summary>A concat's branches; the open branch ends at the next <c>[Branch]</c> or at <c>[End]</c>.</summary>
    private sealed class ConcatFrame : Frame
    {
        private readonly List<YamlNode> _branches = new();
        private AttributeItem? _branch;
        private List<YamlNode> _layers = new();

        public ConcatFrame(AttributeItem opener)
            : base(opener)
        {
        }

        public void StartBranch(AttributeItem branch, NodeBuilder build)
        {
            EndBranch(build);
            _branch = branch;
        }

        public override void Add(YamlNode layer, AttributeItem item, LayerSequence sequence)
        {
            if (_branch is null)
            {
                sequence.Sequence(item, "a layer inside a [Concat] must follow a [Branch] that it belongs to");
                return;
            }

            _layers.Add(layer);
        }

        public override YamlNode Close(NodeBuilder build)
        {
            EndBranch(build);
            return NodeBuilder.Map(Opener!.Span, NodeBuilder.Entry("concat", Opener.NameSpan, new YamlList(_branches, Opener.Span)));
        }

        private void EndBranch(NodeBuilder build)
        {
            if (_branch is not { } branch)
            {
                return;
            }

            var layers = new YamlList(_layers, branch.Span);
            _branches.Add(branch.Get("name") is { } name && build.Entry(branch.Name, name) is { } nameEntry
                ? NodeBuilder.Map(branch.Span, nameEntry, NodeBuilder.Entry("layers", branch.NameSpan, layers))
                : layers);
            _layers = new List<YamlNode>();
        }
    }

    /// <summary>A residual's sections in the order opened: the body from the start (and again after <c>[Body]</c>), <c>[Pre]</c> and <c>[Shortcut]</c> once each.</summary>
    private sealed class ResidualFrame : Frame
    {
        private readonly List<(string Key, AttributeItem Marker, List<YamlNode> Layers)> _sections = new();
        private int _current;

        public ResidualFrame(AttributeItem opener)
            : base(opener) => _sections.Add(("body", opener, new List<YamlNode>()));

        public void StartSection(AttributeItem marker, LayerSequence sequence)
        {
            var key = marker.Name.ToLowerInvariant();
            if (key == "shortcut" && Opener!.Get("shortcut") is not null)
            {
                sequence.Sequence(marker, "the residual's shortcut is given twice: as [Residual(Shortcut = …)] and as a [Shortcut] section");
            }
            else if (key != "body" && _sections.Any(s => s.Key == key))
            {
                sequence.Sequence(marker, $"the residual already has a [{marker.Name}] section");
            }

            _current = _sections.FindIndex(s => s.Key == key);
            if (_current < 0)
            {
                _sections.Add((key, marker, new List<YamlNode>()));
                _current = _sections.Count - 1;
            }
        }

        public override void Add(YamlNode layer, AttributeItem item, LayerSequence sequence) => _sections[_current].Layers.Add(layer);

        public override YamlNode Close(NodeBuilder build)
        {
            var opener = Opener!;
            var entries = build.Entries(opener);
            // An empty body is left out, so the core reports "residual requires 'body'" at the [Residual].
            foreach (var section in _sections.Where(s => s.Layers.Count > 0 || s.Key != "body"))
            {
                if (entries.All(e => e.Key.Value != section.Key))
                {
                    entries.Add(NodeBuilder.Entry(section.Key, section.Marker.NameSpan, new YamlList(section.Layers, section.Marker.Span)));
                }
            }

            return NodeBuilder.Map(opener.Span, NodeBuilder.Entry("residual", opener.NameSpan, new YamlMap(entries, opener.Span)));
        }
    }
}
