using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends;

/// <summary>A network's top-level layers with their output shapes and parameters, as the generated files' docs show them.</summary>
internal static class LayerTable
{
    /// <summary>The header line and a line per top-level layer, columns aligned; <paramref name="escape"/> escapes a layer's path for the target's comments.</summary>
    public static IEnumerable<string> Lines(NetworkSummary summary, Func<string, string> escape)
    {
        var rows = summary.Layers.Where(l => l.Depth == 0)
            .Select(l => (Path: l.Path, Shape: l.Output.ToString(), Params: l.Parameters.ToString("N0", CultureInfo.InvariantCulture)))
            .ToList();
        var pathWidth = rows.Select(r => r.Path.Length).Concat(new[] { 5 }).Max();
        var shapeWidth = rows.Select(r => r.Shape.Length).Concat(new[] { 6 }).Max();
        yield return "layer".PadRight(pathWidth) + "  " + "output".PadRight(shapeWidth) + "  params";
        foreach (var row in rows)
        {
            yield return (escape(row.Path).PadRight(pathWidth) + "  " + row.Shape.PadRight(shapeWidth) + "  " + row.Params).TrimEnd();
        }
    }
}
