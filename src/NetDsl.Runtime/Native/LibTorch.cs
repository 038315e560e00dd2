using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Which libtorch the process uses. A program built with a libtorch package (the default) carries one beside
/// TorchSharp.dll and TorchSharp loads it. A program built with <c>-p:LibTorchPackage=none</c> (the GPU bundle,
/// scripts/gpu-bundle.sh) carries none: <see cref="EnsureLoaded"/> finds one (<c>NETDSL_LIBTORCH</c>, else the
/// PyTorch of <c>python3</c>), checks it against the release TorchSharp was built for, and loads it by path
/// before TorchSharp looks for <c>torch_cpu</c>, <c>torch_cuda</c> and its shim by name, so those names resolve
/// to the libraries already loaded.
/// </summary>
public static class LibTorch
{
    /// <summary>The environment variable that names a folder of libtorch shared libraries.</summary>
    public const string FolderVariable = "NETDSL_LIBTORCH";

    /// <summary>The environment variable that names the Python to ask for its PyTorch (default <c>python3</c>).</summary>
    public const string PythonVariable = "NETDSL_PYTHON";

    private static readonly object Gate = new();
    private static LibTorchStatus? _status;
    private static LibTorchUnavailableException? _failure;

    /// <summary>The libtorch release TorchSharp was built for (<c>LibTorchVersion</c> in Directory.Packages.props).</summary>
    public static LibTorchVersion Required { get; } = LibTorchVersion.Parse(
        typeof(LibTorch).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LibTorchVersion").Value!)!;

    /// <summary>TorchSharp's version, as its assembly states it.</summary>
    public static string TorchSharpVersion { get; } = typeof(torch).Assembly.GetName().Version!.ToString(3);

    /// <summary>The folder of TorchSharp.dll, where its shim <c>libLibTorchSharp.so</c> is.</summary>
    public static string TorchSharpFolder { get; } =
        Path.GetDirectoryName(typeof(torch).Assembly.Location) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory;

    /// <summary>The libtorch loaded so far; null before <see cref="EnsureLoaded"/>.</summary>
    public static LibTorchStatus? Current
    {
        get
        {
            lock (Gate)
            {
                return _status;
            }
        }
    }

    /// <summary>TorchSharp's native shim, whose imports a libtorch must define.</summary>
    public static string Shim => Path.Combine(TorchSharpFolder, "libLibTorchSharp.so");

    /// <summary>Finds the libtorch without checking or loading it.</summary>
    /// <param name="environment">Reads an environment variable; the process's by default.</param>
    /// <exception cref="LibTorchUnavailableException">None is found, or the folder named is not a libtorch folder.</exception>
    public static LibTorchLocation Locate(Func<string, string?>? environment = null) =>
        LibTorchDiscovery.Find(TorchSharpFolder, environment ?? Environment.GetEnvironmentVariable);

    /// <summary>Finds and checks the libtorch without loading it.</summary>
    /// <param name="environment">Reads an environment variable; the process's by default.</param>
    /// <returns>The location and, for a libtorch accepted on its symbols alone, a warning.</returns>
    /// <exception cref="LibTorchUnavailableException">None is found, or it cannot run TorchSharp's shim.</exception>
    public static (LibTorchLocation Location, string? Warning) Resolve(Func<string, string?>? environment = null)
    {
        var location = Locate(environment);
        return (location, LibTorchCompatibility.Check(location, Shim, Required));
    }

    /// <summary>
    /// The symbols TorchSharp's shim imports from libtorch (unversioned, not weak), and those of them that the
    /// libraries in <paramref name="location"/> do not define, sorted.
    /// </summary>
    /// <exception cref="InvalidDataException">The shim or a library is not an ELF64 shared library.</exception>
    public static (IReadOnlySet<string> Imports, IReadOnlyList<string> Missing) CompareSymbols(LibTorchLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var imports = ElfSymbols.UnversionedImports(Shim);
        return (imports, LibTorchCompatibility.MissingImports(imports, location.Folder));
    }

    /// <summary>
    /// Finds, checks and loads the libtorch once per process; call before the first use of TorchSharp (the
    /// trainer and <see cref="Training.DeviceSelection"/> do). Later calls return the first call's result, or
    /// throw its failure again.
    /// </summary>
    /// <exception cref="LibTorchUnavailableException">None is found, it cannot run TorchSharp's shim, or it does not load.</exception>
    public static LibTorchStatus EnsureLoaded()
    {
        lock (Gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            if (_status is null)
            {
                try
                {
                    var (location, warning) = Resolve();
                    _status = location.Source == LibTorchSource.Bundled ? new LibTorchStatus(location, warning, null) : Load(location, warning);
                }
                catch (LibTorchUnavailableException e)
                {
                    _failure = e;
                    throw;
                }
            }

            return _status;
        }
    }

    /// <summary>
    /// The folders a launcher puts on <c>LD_LIBRARY_PATH</c> for <paramref name="location"/>: the libtorch folder and,
    /// for a pip-installed PyTorch, the CUDA libraries of the <c>nvidia-*</c> wheels beside it
    /// (<c>site-packages/nvidia/*/lib</c>), which cuDNN and NVRTC open by name at run time. None for a carried libtorch.
    /// </summary>
    public static IReadOnlyList<string> LibraryFolders(LibTorchLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Source == LibTorchSource.Bundled)
        {
            return [];
        }

        var sitePackages = Path.GetFullPath(Path.Combine(location.Folder, "..", ".."));
        var nvidia = Path.Combine(sitePackages, "nvidia");
        var cuda = Directory.Exists(nvidia)
            ? Directory.GetDirectories(nvidia).Select(d => Path.Combine(d, "lib")).Where(Directory.Exists).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        return [location.Folder, .. cuda];
    }

    private static LibTorchStatus Load(LibTorchLocation location, string? warning)
    {
        foreach (var name in new[] { "libc10.so", "libtorch_cpu.so" })
        {
            var path = Path.Combine(location.Folder, name);
            try
            {
                NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new LibTorchUnavailableException($"{location.Describe()} does not load: {LoaderError(e)}; {SearchedPath()}.", e);
            }
        }

        string? cudaProblem = null;
        if (!File.Exists(location.CudaLibrary))
        {
            cudaProblem = $"{location.Folder} has no libtorch_cuda.so: it is a CPU-only libtorch";
        }
        else
        {
            try
            {
                NativeLibrary.Load(location.CudaLibrary);
            }
            catch (DllNotFoundException e)
            {
                cudaProblem = $"{location.CudaLibrary} did not load: {LoaderError(e)}; {SearchedPath()}";
            }
        }

        NativeLibrary.Load(Path.Combine(location.Folder, "libtorch.so"));
        return new LibTorchStatus(location, warning, cudaProblem);
    }

    private static string SearchedPath() =>
        $"the dynamic loader searched LD_LIBRARY_PATH={Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "(unset)"}, the libraries' RUNPATH and the system folders (the netdsl launcher of the GPU bundle adds the torch/lib and site-packages/nvidia/*/lib folders)";

    /// <summary>The dynamic loader's own words (dlerror), which .NET puts on the last line of its message.</summary>
    private static string LoaderError(Exception e) =>
        e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? e.GetType().Name;
}
