using System.IO;

namespace NetDsl.Runtime.Native;

/// <summary>A folder of libtorch shared libraries, how it was found and which release it holds.</summary>
/// <param name="Folder">The folder holding <c>libtorch_cpu.so</c>, <c>libc10.so</c> and <c>libtorch.so</c>.</param>
/// <param name="Source">How it was found.</param>
/// <param name="Version">Its release, or null when nothing beside the libraries says.</param>
/// <param name="VersionOrigin">Where the version came from (a file, or <c>torch.__version__</c>).</param>
public sealed record LibTorchLocation(string Folder, LibTorchSource Source, LibTorchVersion? Version, string? VersionOrigin)
{
    /// <summary>The CUDA half of a CUDA build of libtorch; absent from a CPU-only one.</summary>
    public string CudaLibrary => Path.Combine(Folder, "libtorch_cuda.so");

    /// <summary>One phrase for messages: <c>libtorch 2.10.0 in /x (NETDSL_LIBTORCH; version from /x/../version.py)</c>.</summary>
    public string Describe()
    {
        var how = Source switch
        {
            LibTorchSource.Bundled => "carried by this program",
            LibTorchSource.Environment => LibTorch.FolderVariable,
            _ => "found by `import torch`",
        };
        var version = Version is null ? "of unknown version" : Version.Text;
        var origin = VersionOrigin is null ? string.Empty : "; version from " + VersionOrigin;
        return $"libtorch {version} in {Folder} ({how}{origin})";
    }
}
