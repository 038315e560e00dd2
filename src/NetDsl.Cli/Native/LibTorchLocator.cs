using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NetDsl.Cli.Native;

/// <summary>
/// Makes libtorch loadable when netdsl runs without one beside it, as the NetDsl.Tool package does (libtorch is
/// 600 MB; the tool is a few). Before TorchSharp's first call, it loads libtorch from the folder in
/// <c>NETDSL_LIBTORCH</c>, or else from the NuGet packages folder, where restoring any project that references
/// TorchSharp's CPU backend of the same version leaves it (a project made from the NetDsl templates does). TorchSharp
/// then finds the library already loaded by name (its own fallback copies the whole backend beside the tool, and
/// with it an unpatched TorchSharp shim that Debian 12 cannot load; see docs/torchsharp-on-debian.md).
/// </summary>
internal static class LibTorchLocator
{
    /// <summary>The environment variable naming a folder of libtorch libraries to use.</summary>
    public const string Variable = "NETDSL_LIBTORCH";

    private static readonly object Gate = new();
    private static bool _ready;

    /// <summary>Loads libtorch unless it is beside the tool or already loaded.</summary>
    /// <exception cref="CliException">No libtorch was found, or the one found does not load.</exception>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (_ready || BesideTheTool())
            {
                _ready = true;
                return;
            }

            var folder = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen ? chosen : PackageFolder();
            var library = Path.Combine(folder, FileName("torch"));
            if (!File.Exists(library))
            {
                throw new CliException(
                    ExitCodes.RunFailed,
                    $"netdsl needs libtorch {Version} to train and evaluate, and found none: not beside it, not in {Variable}, not in '{folder}'. "
                    + $"Restore a project that references {Package} {Version} (one made with 'dotnet new netdsl-classifier' does), or set {Variable} to a folder holding libtorch's libraries ({FileName("torch")}, {FileName("torch_cpu")}, {FileName("c10")}).");
            }

            try
            {
                NativeLibrary.Load(library);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                throw new CliException(ExitCodes.RunFailed, $"netdsl could not load libtorch from '{library}': {e.Message}", e);
            }

            _ready = true;
        }
    }

    /// <summary>The version of the CPU package this build of netdsl was made with (2.10.0.0).</summary>
    private static string Version => typeof(LibTorchLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LibTorchVersion").Value!;

    private static string Rid =>
        (OperatingSystem.IsWindows() ? "win-" : OperatingSystem.IsMacOS() ? "osx-" : "linux-") + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    private static string Package => "libtorch-cpu-" + Rid;

    private static bool BesideTheTool() =>
        File.Exists(Path.Combine(AppContext.BaseDirectory, FileName("torch_cpu")))
        || File.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", Rid, "native", FileName("torch_cpu")));

    /// <summary>Where NuGet unpacks the CPU package: NUGET_PACKAGES, or ~/.nuget/packages; versions are folders without a trailing ".0".</summary>
    private static string PackageFolder()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var parts = Version.Split('.');
        var folderVersion = parts.Length == 4 && parts[3] == "0" ? string.Join('.', parts[..3]) : Version;
        return Path.Combine(packages, Package, folderVersion, "runtimes", Rid, "native");
    }

    private static string FileName(string library) =>
        OperatingSystem.IsWindows() ? library + ".dll" : OperatingSystem.IsMacOS() ? "lib" + library + ".dylib" : "lib" + library + ".so";
}
