using System.Linq;
using System.Reflection;

namespace NetDsl.Cli.Tests;

/// <summary>The repository this test assembly was built from (recorded by the build).</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
