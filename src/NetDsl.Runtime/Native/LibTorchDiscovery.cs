using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Finds the libtorch to load, in this order: the one beside TorchSharp.dll when the program carries one; the folder
/// <c>NETDSL_LIBTORCH</c> names; the CPU libtorch package of TorchSharp's release in the NuGet packages folder, where
/// restoring any project that references it leaves it (how the <c>dotnet tool</c> install of netdsl, which carries
/// none, trains); the <c>torch/lib</c> of the PyTorch that Python imports (a GPU machine's).
/// </summary>
internal static class LibTorchDiscovery
{
    /// <summary>The libraries TorchSharp's shim links against; a libtorch folder has all three.</summary>
    public static readonly string[] CoreLibraries = [FileName("c10"), FileName("torch_cpu"), FileName("torch")];

    private const string PythonScript = "import os, torch; print(torch.__version__); print(os.path.join(os.path.dirname(os.path.abspath(torch.__file__)), 'lib'))";
    private static readonly TimeSpan PythonTimeout = TimeSpan.FromMinutes(2);

    /// <summary>This platform's runtime identifier as NuGet packages name their native folders: <c>linux-x64</c>.</summary>
    public static string Rid { get; } =
        (OperatingSystem.IsWindows() ? "win-" : OperatingSystem.IsMacOS() ? "osx-" : "linux-") + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    /// <summary>The CPU libtorch package for this platform: <c>libtorch-cpu-linux-x64</c>.</summary>
    public static string NuGetPackage => "libtorch-cpu-" + Rid;

    /// <summary>The file name of native library <paramref name="name"/> on this platform: <c>libtorch_cpu.so</c> on Linux.</summary>
    public static string FileName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";

    /// <summary>
    /// The folder of a program's native library <paramref name="file"/>: the program's folder itself (a build for one
    /// runtime identifier), or its <c>runtimes/&lt;rid&gt;/native</c> (a build for any, such as the tool package); null when neither holds it.
    /// </summary>
    public static string? NativeFolder(string programFolder, string file) =>
        new[] { programFolder, Path.Combine(programFolder, "runtimes", Rid, "native") }.FirstOrDefault(f => File.Exists(Path.Combine(f, file)));

    /// <summary>Finds the libtorch for a program whose TorchSharp.dll is in <paramref name="torchSharpFolder"/>.</summary>
    /// <param name="torchSharpFolder">The folder of TorchSharp.dll.</param>
    /// <param name="environment">Reads an environment variable (the process's, or a test's).</param>
    /// <exception cref="LibTorchUnavailableException">None is found, or the one named is not a libtorch folder.</exception>
    public static LibTorchLocation Find(string torchSharpFolder, Func<string, string?> environment)
    {
        var named = environment(LibTorch.FolderVariable);
        if (NativeFolder(torchSharpFolder, FileName("torch_cpu")) is { } carried)
        {
            if (!string.IsNullOrEmpty(named))
            {
                // Loading a second libtorch beside the carried one would put two copies of every operator in one process.
                throw new LibTorchUnavailableException(
                    $"{LibTorch.FolderVariable}={named} is set, but this program carries its own libtorch in {carried}; unset {LibTorch.FolderVariable}, or run a netdsl built without one (the NetDsl.Tool package, or bash scripts/gpu-bundle.sh).");
            }

            return new LibTorchLocation(carried, LibTorchSource.Bundled, LibTorch.Required, "the libtorch package the program was built with");
        }

        if (!string.IsNullOrEmpty(named))
        {
            var folder = LibraryFolder(Path.GetFullPath(named), LibTorch.FolderVariable + "=" + named);
            var found = LibTorchVersion.FindBeside(folder);
            return new LibTorchLocation(folder, LibTorchSource.Environment, found?.Version, found?.File);
        }

        var packages = PackagesFolder(environment);
        var restored = packages is null ? null : Path.Combine(packages, NuGetPackage, FolderVersion(LibTorch.Required.Text), "runtimes", Rid, "native");
        if (restored is not null && CoreLibraries.All(name => File.Exists(Path.Combine(restored, name))))
        {
            var found = LibTorchVersion.FindBeside(restored);
            return new LibTorchLocation(restored, LibTorchSource.NuGetPackages, found?.Version, found?.File);
        }

        var notRestored = restored is null
            ? "no NuGet packages folder is known (NUGET_PACKAGES and the home folder are unset)"
            : $"the NuGet packages folder has no {NuGetPackage} {LibTorch.Required.Text} ({restored})";
        var python = environment(LibTorch.PythonVariable) is { Length: > 0 } chosen ? chosen : "python3";
        var (version, lib) = AskPython(python, notRestored);
        return new LibTorchLocation(LibraryFolder(lib, $"the PyTorch of {python}"), LibTorchSource.Python, LibTorchVersion.Parse(version), $"torch.__version__ of {python}");
    }

    /// <summary>NuGet's global packages folder: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>; null when neither is known.</summary>
    private static string? PackagesFolder(Func<string, string?> environment) =>
        environment("NUGET_PACKAGES") is { Length: > 0 } set ? set
        : environment(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME") is { Length: > 0 } home ? Path.Combine(home, ".nuget", "packages")
        : null;

    /// <summary>The folder NuGet unpacks a version into: normalised, without a fourth part of 0 (2.10.0.0 → 2.10.0).</summary>
    private static string FolderVersion(string version)
    {
        var parts = version.Split('.');
        return (parts.Length == 4 && parts[3] == "0" ? string.Join('.', parts[..3]) : version).ToLowerInvariant();
    }

    /// <summary><paramref name="folder"/> itself, or its <c>lib</c> sub-folder (a libtorch archive's or a torch package's root).</summary>
    private static string LibraryFolder(string folder, string origin)
    {
        foreach (var candidate in new[] { folder, Path.Combine(folder, "lib") })
        {
            if (CoreLibraries.All(name => File.Exists(Path.Combine(candidate, name))))
            {
                return candidate;
            }
        }

        var missing = Directory.Exists(folder)
            ? "lacks " + string.Join(", ", CoreLibraries.Where(name => !File.Exists(Path.Combine(folder, name))))
            : "does not exist";
        throw new LibTorchUnavailableException(
            $"{folder} (from {origin}) {missing}; {LibTorch.FolderVariable} must name a folder of libtorch {LibTorch.Required.Release} libraries ({string.Join(", ", CoreLibraries)}), such as a PyTorch install's torch/lib.");
    }

    private static (string Version, string Lib) AskPython(string python, string notRestored)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PythonScript);
        string output, error;
        int exitCode;
        try
        {
            using var process = Process.Start(start)!;
            var errorTask = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(PythonTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw NotFound(python, notRestored, $"`{python} -c 'import torch'` did not finish within {PythonTimeout.TotalSeconds:0} s");
            }

            error = errorTask.Result;
            exitCode = process.ExitCode;
        }
        catch (Win32Exception e)
        {
            throw NotFound(python, notRestored, $"{python} could not be started ({e.Message})");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (exitCode != 0 || lines.Length < 2)
        {
            var reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {exitCode}";
            throw NotFound(python, notRestored, $"`{python} -c 'import torch'` failed: {reason}");
        }

        return (lines[^2], lines[^1]);
    }

    private static LibTorchUnavailableException NotFound(string python, string notRestored, string reason) =>
        new($"this program carries no libtorch, {LibTorch.FolderVariable} is unset, {notRestored}, and {reason}; set {LibTorch.FolderVariable} to the lib folder of a libtorch {LibTorch.Required.Release} (a PyTorch {LibTorch.Required.Release} install's torch/lib), restore a project that references {NuGetPackage} {LibTorch.Required.Text} (one made with 'dotnet new netdsl-classifier' does), or set {LibTorch.PythonVariable} to a Python whose torch is {LibTorch.Required.Release} (now {python}).");
}
