using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language.Backends.PyTorch;
using NetDsl.Language.Plan;
using Xunit;

namespace NetDsl.Language.Tests.PyTorch
{
    /// <summary>Every network of the zoo (samples/NetDsl.Zoo), checked as one project and printed for PyTorch.</summary>
    internal static class ZooModules
    {
        private static readonly Dictionary<string, NetworkPlan> Plans = Load();

        /// <summary>The zoo's network names.</summary>
        public static IEnumerable<string> Networks => Plans.Keys.OrderBy(n => n, System.StringComparer.Ordinal);

        /// <summary>The plan of the network <paramref name="name"/>.</summary>
        public static NetworkPlan Plan(string name) => Plans[name];

        /// <summary>The Python module of the network <paramref name="name"/>.</summary>
        public static PyTorchModule Module(string name) => PyTorchEmitter.Emit(Plans[name]);

        private static Dictionary<string, NetworkPlan> Load()
        {
            var files = Directory.GetFiles(Path.Combine(RepoRoot.Path, "samples", "NetDsl.Zoo"), "*.net.yaml")
                .Select(path => NetDslProject.Parse(path, File.ReadAllText(path), "NetDsl.Zoo"))
                .ToList();
            var results = NetDslProject.Check(files);
            Assert.All(results, r => Assert.Empty(r.Diagnostics));
            return results.Select(r => r.Plan?.Network).OfType<NetworkPlan>().ToDictionary(n => n.Class.Name, System.StringComparer.Ordinal);
        }
    }
}
