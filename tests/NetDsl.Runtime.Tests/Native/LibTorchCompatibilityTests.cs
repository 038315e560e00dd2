using System.IO;
using NetDsl.Runtime.Native;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class LibTorchCompatibilityTests
{
    [Fact]
    public void TheReleaseTorchSharpWasBuiltForIsAccepted()
    {
        using var temp = new TempDirectory();
        var location = Locate(LibTorchFolders.PipLayout(temp.Path, LibTorchFolders.NuGet, "2.10.0+cu128"));

        Assert.Null(LibTorchCompatibility.Check(location, LibTorch.Shim, LibTorch.Required));
    }

    [DebianTorchFact]
    public void DebiansPyTorch113IsRefusedInOneLineThatSaysWhatIsNeeded()
    {
        var location = Locate(LibTorchFolders.Debian);

        var e = Assert.Throws<LibTorchUnavailableException>(() => LibTorchCompatibility.Check(location, LibTorch.Shim, LibTorch.Required));

        Assert.Equal(
            $"libtorch 1.13.0a0 in {LibTorchFolders.Debian} (NETDSL_LIBTORCH; version from /usr/lib/python3/dist-packages/torch/version.py) cannot run TorchSharp 0.107.0, which was built for libtorch 2.10; set NETDSL_LIBTORCH to the lib folder of a libtorch 2.10 (a PyTorch 2.10 install's torch/lib).",
            e.Message);
    }

    [Fact]
    public void ANewerReleaseThatDefinesEveryImportIsAcceptedWithAWarning()
    {
        using var temp = new TempDirectory();
        var location = Locate(LibTorchFolders.PipLayout(temp.Path, LibTorchFolders.NuGet, "2.11.0+cu130"));

        var warning = LibTorchCompatibility.Check(location, LibTorch.Shim, LibTorch.Required);

        Assert.NotNull(warning);
        Assert.Contains("libtorch 2.11.0+cu130", warning);
        Assert.Contains($"defines all {ElfSymbols.UnversionedImports(LibTorch.Shim).Count} functions the shim calls", warning);
    }

    [DebianTorchFact]
    public void ALibTorchThatLacksImportsIsRefusedWithTheFirstMissingOne()
    {
        using var temp = new TempDirectory();
        // Debian's 1.13 libraries under a version file that claims a newer release: the symbols decide.
        var location = Locate(LibTorchFolders.PipLayout(temp.Path, LibTorchFolders.Debian, "2.11.0"));
        var (imports, missing) = LibTorch.CompareSymbols(location);

        var e = Assert.Throws<LibTorchUnavailableException>(() => LibTorchCompatibility.Check(location, LibTorch.Shim, LibTorch.Required));

        Assert.Contains($"lacks {missing.Count} of the {imports.Count} libtorch functions TorchSharp's shim calls (first: {missing[0]})", e.Message);
    }

    [Fact]
    public void AnUnknownVersionIsJudgedOnItsSymbols()
    {
        using var temp = new TempDirectory();
        var location = Locate(LibTorchFolders.LinkCore(LibTorchFolders.NuGet, temp.File("lib")));

        Assert.Null(location.Version);
        Assert.Contains("of unknown version", LibTorchCompatibility.Check(location, LibTorch.Shim, LibTorch.Required));
    }

    private static LibTorchLocation Locate(string folder) =>
        LibTorchDiscovery.Find("/nonexistent-app", LibTorchFolders.Environment(LibTorch.FolderVariable, folder));
}
