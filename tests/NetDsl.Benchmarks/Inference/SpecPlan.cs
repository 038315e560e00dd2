using System;
using System.IO;
using System.Linq;
using NetDsl.Language;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Benchmarks.Inference;

/// <summary>A network's resolved plan, read from its spec and the spec of the blocks it uses, as the tool reads them.</summary>
internal static class SpecPlan
{
    public static NetworkPlan Of(string networkSpec, params string[] blockSpecs)
    {
        var files = new[] { networkSpec }.Concat(blockSpecs)
            .Select(path => NetDslProject.Parse(path, File.ReadAllText(path), "NetDsl.Benchmarks"))
            .ToList();
        var analysis = NetDslProject.Check(files)[0];
        var errors = analysis.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        if (errors.Count > 0 || analysis.Plan?.Network is not { } network)
        {
            throw new InvalidOperationException(networkSpec + " does not check: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        return network;
    }
}
