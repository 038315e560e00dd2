using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language;
using NetDsl.Language.Plan;

namespace NetDsl.Testing;

/// <summary>The zoo's specs (samples/NetDsl.Zoo) checked together, as the generator checks the zoo's project: each network's plan, by name.</summary>
internal static class ZooPlans
{
    /// <summary>The plans of the networks declared in <paramref name="folder"/>'s <c>.net.yaml</c> files.</summary>
    /// <exception cref="InvalidOperationException">A spec has a diagnostic.</exception>
    public static IReadOnlyDictionary<string, NetworkPlan> Load(string folder)
    {
        var files = Directory.GetFiles(folder, "*.net.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => NetDslProject.Parse(path, File.ReadAllText(path), "NetDsl.Zoo"))
            .ToList();
        var results = NetDslProject.Check(files);
        var diagnostics = results.SelectMany(r => r.Diagnostics).ToList();
        if (diagnostics.Count > 0)
        {
            throw new InvalidOperationException("The zoo's specs have diagnostics:\n" + string.Join("\n", diagnostics));
        }

        return results.Select(r => r.Plan?.Network).OfType<NetworkPlan>().ToDictionary(n => n.Class.Name, StringComparer.Ordinal);
    }
}
