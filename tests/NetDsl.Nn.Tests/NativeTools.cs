using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NetDsl.Nn.Tests;

/// <summary>Paths the build recorded, and the command-line tools the ELF tests check the build's work with.</summary>
internal static class NativeTools
{
    public const string WeakVersion = "GLIBCXX_3.4.32";

    public static string OutputLibrary => Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    public static string CacheLibrary =>
        Path.Combine(Metadata("TorchSharpPackage"), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    public static string RepoRoot => Metadata("RepoRoot");

    /// <summary>Whether this machine's libstdc++ defines <see cref="WeakVersion"/> (then the build leaves the library alone).</summary>
    public static bool HostDefinesWeakVersion =>
        Run("readelf", "-V", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6").Output
            .Split('\n').Any(line => line.TrimEnd().EndsWith("Name: " + WeakVersion, StringComparison.Ordinal));

    /// <summary>readelf's flags for the <see cref="WeakVersion"/> need of <paramref name="library"/>: "none" or "WEAK".</summary>
    public static string NeedFlags(string library)
    {
        var line = Run("readelf", "-V", library).Output.Split('\n')
            .Single(l => l.Contains("Name: " + WeakVersion + " ", StringComparison.Ordinal));
        return line.Split("Flags: ")[1].Split(' ')[0];
    }

    public static string Inode(string path) => Run("stat", "-c", "%i", path).Output.Trim();

    public static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var (exitCode, output, error) = NetDsl.Testing.ChildProcess.Run(program, arguments);
        return (exitCode, output + error);
    }

    private static string Metadata(string key) =>
        typeof(NativeTools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
