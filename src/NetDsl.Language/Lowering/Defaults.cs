using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Syntax;
using NetDsl.Language.Vocabulary;

namespace NetDsl.Language.Lowering;

/// <summary>The <c>defaults</c> in scope per layer kind, innermost first (block over file).</summary>
internal sealed class Defaults
{
    /// <summary>The kinds that take defaults, with the keys a default may set (every key of the kind but its names).</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Keys = SpecVocabulary.Layers.Where(k => k.TakesDefaults)
        .ToDictionary(k => k.Name, k => k.Settings!.Where(s => s.InDefaults).Select(s => s.Key).ToArray());

    private readonly ImmutableDictionary<string, ImmutableList<YamlMap>> _byKind;

    private Defaults(ImmutableDictionary<string, ImmutableList<YamlMap>> byKind) => _byKind = byKind;

    public static Defaults Empty { get; } = new(ImmutableDictionary<string, ImmutableList<YamlMap>>.Empty);

    /// <summary>These defaults with <paramref name="node"/> (a <c>defaults:</c> mapping) laid over them.</summary>
    public Defaults With(YamlNode? node, DiagnosticBag diagnostics)
    {
        if (node is null)
        {
            return this;
        }

        if (node is not YamlMap map)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "defaults", "a mapping of layer kinds", node.Describe());
            return this;
        }

        var byKind = _byKind;
        foreach (var entry in map.Entries)
        {
            if (!Keys.TryGetValue(entry.Key.Value, out var allowed))
            {
                diagnostics.Add(DiagnosticDescriptors.UnknownKey, entry.Key.Span, entry.Key.Value, "defaults", Suggestions.DidYouMean(entry.Key.Value, Keys.Keys));
            }
            else if (entry.Value is not YamlMap kindMap)
            {
                diagnostics.Add(DiagnosticDescriptors.WrongType, entry.Value.Span, entry.Key.Value, "a mapping", entry.Value.Describe());
            }
            else
            {
                KeyedMap.Validate("defaults of " + entry.Key.Value, kindMap, allowed, diagnostics);
                var existing = byKind.TryGetValue(entry.Key.Value, out var list) ? list : ImmutableList<YamlMap>.Empty;
                byKind = byKind.SetItem(entry.Key.Value, existing.Insert(0, kindMap));
            }
        }

        return new Defaults(byKind);
    }

    /// <summary>The layer's own mapping (if any) followed by the defaults of its kind.</summary>
    public IReadOnlyList<YamlMap> Stack(string kind, YamlMap? own)
    {
        var list = _byKind.TryGetValue(kind, out var found) ? found : ImmutableList<YamlMap>.Empty;
        return own is null ? list : list.Insert(0, own);
    }
}
