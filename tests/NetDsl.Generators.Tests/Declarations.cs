using System.IO;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generators.Tests;

/// <summary>
/// C# declared with attributes: the files under <c>Declarations/</c> (data for the generator, not code of this
/// project) and the classes of samples/NetDsl.Declared.
/// </summary>
internal static class Declarations
{
    public static string PathOf(string name) => Path.Combine(GeneratorHarness.RepoRoot(), "tests", "NetDsl.Generators.Tests", "Declarations", name + ".cs");

    public static (string Path, string Code) Source(string name) => Read(PathOf(name));

    public static (string Path, string Code) Sample(string name) => Read(Path.Combine(GeneratorHarness.RepoRoot(), "samples", "NetDsl.Declared", name + ".cs"));

    public static GeneratorDriverRunResult Run((string Path, string Code) source, params AdditionalText[] texts) => GeneratorHarness.Run(new[] { source }, texts);

    private static (string Path, string Code) Read(string path) => (path, File.ReadAllText(path));
}
