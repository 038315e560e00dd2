using System.IO;
using NetDsl.Runtime.Native;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class LibTorchDiscoveryTests
{
    [Fact]
    public void AProgramThatCarriesALibTorchUsesIt()
    {
        var location = LibTorch.Locate(_ => null);

        Assert.Equal(LibTorchSource.Bundled, location.Source);
        Assert.Equal(LibTorchFolders.NuGet, location.Folder);
        Assert.Empty(LibTorch.LibraryFolders(location));
    }

    [Fact]
    public void NamingAnotherLibTorchBesideACarriedOneIsRefused()
    {
        using var temp = new TempDirectory();

        var e = Assert.Throws<LibTorchUnavailableException>(() =>
            LibTorchDiscovery.Find(LibTorchFolders.NuGet, LibTorchFolders.Environment(LibTorch.FolderVariable, temp.Path)));

        Assert.Contains("carries its own libtorch", e.Message);
        Assert.Contains("unset NETDSL_LIBTORCH", e.Message);
    }

    [Fact]
    public void TheNamedFolderOrItsLibSubfolderIsUsedWithTheVersionBesideIt()
    {
        using var temp = new TempDirectory();
        var lib = LibTorchFolders.PipLayout(temp.Path, LibTorchFolders.NuGet, "2.10.0+cu128");
        var torch = Path.GetDirectoryName(lib)!;

        foreach (var named in new[] { lib, torch })
        {
            var location = LibTorchDiscovery.Find(temp.File("app"), LibTorchFolders.Environment(LibTorch.FolderVariable, named));

            Assert.Equal((lib, LibTorchSource.Environment, "2.10.0+cu128"), (location.Folder, location.Source, location.Version!.Text));
            Assert.Equal(Path.Combine(torch, "version.py"), location.VersionOrigin);
        }
    }

    [Fact]
    public void CudaLibrariesOfPipWheelsBesideTheTorchPackageGoOnTheLibraryPath()
    {
        using var temp = new TempDirectory();
        var lib = LibTorchFolders.PipLayout(temp.Path, LibTorchFolders.NuGet, "2.11.0+cu130");
        var cudnn = Directory.CreateDirectory(Path.Combine(temp.Path, "site-packages", "nvidia", "cudnn", "lib")).FullName;
        var cublas = Directory.CreateDirectory(Path.Combine(temp.Path, "site-packages", "nvidia", "cublas", "lib")).FullName;
        Directory.CreateDirectory(Path.Combine(temp.Path, "site-packages", "nvidia", "empty"));

        var location = LibTorchDiscovery.Find(temp.File("app"), LibTorchFolders.Environment(LibTorch.FolderVariable, lib));

        Assert.Equal([lib, cublas, cudnn], LibTorch.LibraryFolders(location));
    }

    [Fact]
    public void AFolderWithoutTheLibrariesIsRefusedWithWhatItLacks()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("libc10.so"), string.Empty);

        var e = Assert.Throws<LibTorchUnavailableException>(() =>
            LibTorchDiscovery.Find(temp.File("app"), LibTorchFolders.Environment(LibTorch.FolderVariable, temp.Path)));

        Assert.Contains($"{temp.Path} (from NETDSL_LIBTORCH={temp.Path}) lacks libtorch_cpu.so, libtorch.so", e.Message);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void APythonWithoutTorchIsReportedWithItsError()
    {
        using var temp = new TempDirectory();
        var python = temp.File("python3");
        File.WriteAllText(python, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var e = Assert.Throws<LibTorchUnavailableException>(() =>
            LibTorchDiscovery.Find(temp.File("app"), LibTorchFolders.Environment(LibTorch.PythonVariable, python)));

        Assert.Contains($"`{python} -c 'import torch'` failed: ModuleNotFoundError: No module named 'torch'", e.Message);
        Assert.Contains("set NETDSL_LIBTORCH", e.Message);
    }

    [Fact]
    public void AMissingPythonIsReported()
    {
        var e = Assert.Throws<LibTorchUnavailableException>(() =>
            LibTorchDiscovery.Find("/nonexistent-app", LibTorchFolders.Environment(LibTorch.PythonVariable, "/nonexistent/python3")));

        Assert.Contains("/nonexistent/python3 could not be started", e.Message);
    }

    [DebianTorchFact]
    public void PythonsTorchIsFoundThroughImportTorch()
    {
        var location = LibTorchDiscovery.Find("/nonexistent-app", LibTorchFolders.Environment(LibTorch.PythonVariable, DebianTorch.Python));

        Assert.Equal((LibTorchFolders.Debian, LibTorchSource.Python, "1.13"), (location.Folder, location.Source, location.Version!.Release));
        Assert.Equal("torch.__version__ of " + DebianTorch.Python, location.VersionOrigin);
    }
}
