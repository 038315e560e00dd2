using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace NetDsl.Benchmarks;

/// <summary>The zoo's spec files (samples/NetDsl.Zoo), found from this source file's location.</summary>
internal static class Zoo
{
    public const string Namespace = "NetDsl.Zoo";

    public static string Directory { get; } = Locate();

    public static string PathOf(string name) => Path.Combine(Directory, name + ".net.yaml");

    public static string[] AllSpecs() =>
        System.IO.Directory.GetFiles(Directory, "*.net.yaml").OrderBy(p => p, StringComparer.Ordinal).ToArray();

    private static string Locate([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", "NetDsl.Zoo"));
}
