using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language.Backends.PyTorch;
using NetDsl.Language.Plan;
using NetDsl.Testing;

namespace NetDsl.Language.Tests.PyTorch;

/// <summary>Every network of the zoo (samples/NetDsl.Zoo), checked as one project and printed for PyTorch.</summary>
internal static class ZooModules
{
    private static readonly IReadOnlyDictionary<string, NetworkPlan> Plans = ZooPlans.Load(Path.Combine(RepoRoot.Path, "samples", "NetDsl.Zoo"));

    /// <summary>The zoo's network names.</summary>
    public static IEnumerable<string> Networks => Plans.Keys.OrderBy(n => n, System.StringComparer.Ordinal);

    /// <summary>The Python module of the network <paramref name="name"/>.</summary>
    public static PyTorchModule Module(string name) => PyTorchEmitter.Emit(Plans[name]);
}
