using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;
using NetDsl.Language.Vocabulary;

namespace NetDsl.Language.Lowering;

/// <summary>Lowers a document's root mapping to a <see cref="SpecFile"/>.</summary>
internal sealed class SpecLowerer
{
    private static readonly string[] TopKeys = SpecVocabulary.File.Select(s => s.Key).ToArray();
    private static readonly string[] BlockKeys = SpecVocabulary.Block.Select(s => s.Key).ToArray();
    private static readonly IReadOnlyList<string> BodyKeys = SpecVocabulary.BlockBodies;

    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;

    private SpecLowerer(string path, DiagnosticBag diagnostics)
    {
        _path = path;
        _diagnostics = diagnostics;
    }

    public static SpecFile Lower(string path, YamlMap root, string defaultNamespace, DiagnosticBag diagnostics) =>
        new SpecLowerer(path, diagnostics).Lower(root, defaultNamespace);

    private SpecFile Lower(YamlMap root, string defaultNamespace)
    {
        KeyedMap.Validate("the document", root, TopKeys, _diagnostics);
        var ns = root.Get("namespace") is YamlScalar nsNode && nsNode.Value.Length > 0 ? Namespace(nsNode) : defaultNamespace;
        var defaults = Defaults.Empty.With(root.Get("defaults"), _diagnostics);
        var blocks = new List<BlockDef>();
        if (root.Get("blocks") is { } blocksNode)
        {
            if (blocksNode is not YamlMap blockMap)
            {
                _diagnostics.Add(DiagnosticDescriptors.WrongType, blocksNode.Span, "blocks", "a mapping of block names", blocksNode.Describe());
            }
            else
            {
                blocks.AddRange(blockMap.Entries.Select(e => Block(e.Key, e.Value, ns, defaults)).OfType<BlockDef>());
            }
        }

        return new SpecFile(_path, ns, blocks.ToEquatableArray(), Network(root, ns, defaults));
    }

    private string Namespace(YamlScalar node)
    {
        foreach (var part in node.Value.Split('.'))
        {
            if (!Identifiers.Check(part, node.Span, _diagnostics))
            {
                break;
            }
        }

        return node.Value;
    }

    private NetworkDef? Network(YamlMap root, string ns, Defaults defaults)
    {
        var nameNode = root.Get("network");
        if (nameNode is null)
        {
            if (root.GetKey("layers") is { } layersKey)
            {
                _diagnostics.Add(DiagnosticDescriptors.MissingKey, layersKey.Span, "a file with 'layers'", "network");
            }

            return null;
        }

        var read = new ValueReader(_diagnostics, new ExprScope("network", new Dictionary<string, ParamType>()));
        var name = read.Identifier("network", nameNode) ?? "Network";
        var parameters = ParamsLowerer.Lower(root.Get("params"), _diagnostics);
        read = new ValueReader(_diagnostics, ParamsLowerer.Scope($"network '{name}'", parameters, false));
        var input = Input(root, name, nameNode.Span);
        if (root.Get("layers") is not { } layersNode)
        {
            _diagnostics.Add(DiagnosticDescriptors.MissingKey, nameNode.Span, $"network '{name}'", "layers");
            return null;
        }

        var layers = new LayerLowerer(read, defaults) { AuxHeadsNotAllowedIn = null }.LowerList("layers", layersNode, false);
        var acceptsNode = root.Get("accepts");
        return new NetworkDef(name, ns, input, parameters.ToEquatableArray(), Namer.NameClass(layers, $"network '{name}'", _diagnostics), nameNode.Span)
        {
            Accepts = acceptsNode is null ? null : InputSizeReader.Read(acceptsNode, _diagnostics),
            AcceptsSpan = acceptsNode?.Span ?? root.Get("input")?.Span ?? nameNode.Span,
        };
    }

    private EquatableArray<int> Input(YamlMap root, string network, SourceSpan networkSpan)
    {
        var node = root.Get("input");
        if (node is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.MissingInput, networkSpan, network);
            return EquatableArray<int>.Empty;
        }

        if (node is YamlList { Items.Count: 3 } list && list.Items.All(i => i is YamlScalar s && int.TryParse(s.Value, out var v) && v > 0))
        {
            return list.Items.Select(i => int.Parse(((YamlScalar)i).Value)).ToEquatableArray();
        }

        _diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "input", "[C, H, W] of positive integers", node is YamlList l ? "[" + string.Join(", ", l.Items.Select(i => i.Describe())) + "]" : node.Describe());
        return EquatableArray<int>.Empty;
    }

    private BlockDef? Block(YamlScalar key, YamlNode node, string ns, Defaults fileDefaults)
    {
        if (!Identifiers.Check(key.Value, key.Span, _diagnostics))
        {
            return null;
        }

        if (!char.IsUpper(key.Value[0]))
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidIdentifier, key.Span, key.Value, " as a block name (block names start with an upper-case letter)");
            return null;
        }

        if (node is not YamlMap map)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key.Value, "a block body mapping", node.Describe());
            return null;
        }

        KeyedMap.Validate($"block '{key.Value}'", map, BlockKeys, _diagnostics);
        var parameters = ParamsLowerer.Lower(map.Get("params"), _diagnostics);
        var read = new ValueReader(_diagnostics, ParamsLowerer.Scope($"block '{key.Value}'", parameters, true));
        var defaults = fileDefaults.With(map.Get("defaults"), _diagnostics);
        var inShape = InShape(map.Get("in"), read);
        var bodies = BodyKeys.Where(k => map.Get(k) is not null).ToList();
        if (bodies.Count != 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.BadBlockBody, key.Span, key.Value, bodies.Count == 0 ? "none" : string.Join(" and ", bodies));
            return null;
        }

        var lowerer = new LayerLowerer(read, defaults);
        var body = bodies[0] == "layers"
            ? map.Get("layers")!
            : new YamlList(new YamlNode[] { new YamlMap(new[] { new KeyValuePair<YamlScalar, YamlNode>(map.GetKey(bodies[0])!, map.Get(bodies[0])!) }, map.Span) }, map.Span);
        var layers = lowerer.LowerList(bodies[0], body, false);
        return new BlockDef(key.Value, ns, parameters.ToEquatableArray(), inShape, Namer.NameClass(layers, $"block '{key.Value}'", _diagnostics), key.Span);
    }

    private EquatableArray<Expr> InShape(YamlNode? node, ValueReader read)
    {
        if (node is null)
        {
            return EquatableArray<Expr>.Empty;
        }

        if (node is not YamlList { Items.Count: 3 } list)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "in", "[C, H, W]", node.Describe());
            return EquatableArray<Expr>.Empty;
        }

        var dims = list.Items.Select(i => read.Int("in", i)).ToList();
        return dims.All(d => d is not null) ? dims.Select(d => d!).ToEquatableArray() : EquatableArray<Expr>.Empty;
    }
}
