using System.IO;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generators.Tests;

/// <summary>The C# files under <c>Declarations/</c>: data for the generator, not code of this project.</summary>
internal static class Declarations
{
    public static string PathOf(string name) => Path.Combine(GeneratorHarness.RepoRoot(), "tests", "NetDsl.Generators.Tests", "Declarations", name + ".cs");

    public static (string Path, string Code) Source(string name) => (PathOf(name), File.ReadAllText(PathOf(name)));

    public static GeneratorDriverRunResult Run(string name, params AdditionalText[] texts) => GeneratorHarness.Run(new[] { Source(name) }, texts);
}
