using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Finds the libtorch to load: the one beside TorchSharp.dll when the program carries one, else the folder
/// <c>NETDSL_LIBTORCH</c> names, else the <c>torch/lib</c> of the PyTorch that Python imports.
/// </summary>
internal static class LibTorchDiscovery
{
    /// <summary>The libraries TorchSharp's shim links against; a libtorch folder has all three.</summary>
    public static readonly string[] CoreLibraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    private const string PythonScript = "import os, torch; print(torch.__version__); print(os.path.join(os.path.dirname(os.path.abspath(torch.__file__)), 'lib'))";
    private static readonly TimeSpan PythonTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Finds the libtorch for a program whose TorchSharp.dll is in <paramref name="torchSharpFolder"/>.</summary>
    /// <param name="torchSharpFolder">The folder of TorchSharp.dll and the shim.</param>
    /// <param name="environment">Reads an environment variable (the process's, or a test's).</param>
    /// <exception cref="LibTorchUnavailableException">None is found, or the one named is not a libtorch folder.</exception>
    public static LibTorchLocation Find(string torchSharpFolder, Func<string, string?> environment)
    {
        var named = environment(LibTorch.FolderVariable);
        var carried = File.Exists(Path.Combine(torchSharpFolder, "libtorch_cpu.so"));
        if (carried)
        {
            if (!string.IsNullOrEmpty(named))
            {
                // Loading a second libtorch beside the carried one would put two copies of every operator in one process.
                throw new LibTorchUnavailableException(
                    $"{LibTorch.FolderVariable}={named} is set, but this program carries its own libtorch in {torchSharpFolder}; unset {LibTorch.FolderVariable}, or run a netdsl built without one (bash scripts/gpu-bundle.sh).");
            }

            return new LibTorchLocation(torchSharpFolder, LibTorchSource.Bundled, LibTorch.Required, "the libtorch package the program was built with");
        }

        if (!string.IsNullOrEmpty(named))
        {
            var folder = LibraryFolder(Path.GetFullPath(named), LibTorch.FolderVariable + "=" + named);
            var found = LibTorchVersion.FindBeside(folder);
            return new LibTorchLocation(folder, LibTorchSource.Environment, found?.Version, found?.File);
        }

        var python = environment(LibTorch.PythonVariable) is { Length: > 0 } chosen ? chosen : "python3";
        var (version, lib) = AskPython(python);
        return new LibTorchLocation(LibraryFolder(lib, $"the PyTorch of {python}"), LibTorchSource.Python, LibTorchVersion.Parse(version), $"torch.__version__ of {python}");
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

    private static (string Version, string Lib) AskPython(string python)
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
                throw NotFound(python, $"`{python} -c 'import torch'` did not finish within {PythonTimeout.TotalSeconds:0} s");
            }

            error = errorTask.Result;
            exitCode = process.ExitCode;
        }
        catch (Win32Exception e)
        {
            throw NotFound(python, $"{python} could not be started ({e.Message})");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (exitCode != 0 || lines.Length < 2)
        {
            var reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {exitCode}";
            throw NotFound(python, $"`{python} -c 'import torch'` failed: {reason}");
        }

        return (lines[^2], lines[^1]);
    }

    private static LibTorchUnavailableException NotFound(string python, string reason) =>
        new($"this program carries no libtorch and {reason}; set {LibTorch.FolderVariable} to the lib folder of a libtorch {LibTorch.Required.Release} (a PyTorch {LibTorch.Required.Release} install's torch/lib), or {LibTorch.PythonVariable} to a Python whose torch is {LibTorch.Required.Release} (now {python}).");
}
