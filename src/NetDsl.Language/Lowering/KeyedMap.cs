using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering;

/// <summary>A layer's mapping layered over the defaults in scope (innermost first); <see cref="Get"/> returns the innermost value.</summary>
internal sealed class KeyedMap
{
    private readonly IReadOnlyList<YamlMap> _layers;

    public KeyedMap(IReadOnlyList<YamlMap> layers) => _layers = layers;

    public YamlNode? Get(string key) => _layers.Select(m => m.Get(key)).FirstOrDefault(n => n is not null);

    /// <summary>The map written at the layer itself (the innermost), if any.</summary>
    public YamlMap? Own => _layers.Count > 0 ? _layers[0] : null;

    /// <summary>Reports the keys of <paramref name="map"/> that <paramref name="allowed"/> does not list.</summary>
    public static void Validate(string what, YamlMap map, IReadOnlyCollection<string> allowed, DiagnosticBag diagnostics)
    {
        foreach (var entry in map.Entries.Where(e => !allowed.Contains(e.Key.Value)))
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownKey, entry.Key.Span, entry.Key.Value, what, Suggestions.DidYouMean(entry.Key.Value, allowed));
        }
    }
}
