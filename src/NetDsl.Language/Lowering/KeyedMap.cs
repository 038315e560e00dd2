using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering
{
    /// <summary>
    /// A layer's mapping layered over the defaults in scope (innermost first): <see cref="Get"/> returns the innermost
    /// value. Creating it reports keys that are not allowed.
    /// </summary>
    internal sealed class KeyedMap
    {
        private readonly IReadOnlyList<YamlMap> _layers;

        public KeyedMap(string what, IReadOnlyList<YamlMap> layers, IReadOnlyCollection<string> allowed, DiagnosticBag diagnostics)
        {
            _layers = layers;
            foreach (var entry in layers.SelectMany(m => m.Entries))
            {
                if (!allowed.Contains(entry.Key.Value))
                {
                    diagnostics.Add(DiagnosticDescriptors.UnknownKey, entry.Key.Span, entry.Key.Value, what, Suggestions.DidYouMean(entry.Key.Value, allowed));
                }
            }
        }

        public YamlNode? Get(string key) => _layers.Select(m => m.Get(key)).FirstOrDefault(n => n is not null);

        /// <summary>The map written at the layer itself (the innermost), if any.</summary>
        public YamlMap? Own => _layers.Count > 0 ? _layers[0] : null;
    }
}
