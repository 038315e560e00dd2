using System.IO;
using NetDsl.Runtime.Native;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class LibTorchVersionTests
{
    [Theory]
    [InlineData("2.10.0", 2, 10)]
    [InlineData("2.11.0+cu130", 2, 11)]
    [InlineData("1.13.0a0", 1, 13)]
    [InlineData("2.10.0.0", 2, 10)]
    public void ReleaseIsTheLeadingMajorAndMinor(string text, int major, int minor)
    {
        var version = LibTorchVersion.Parse(text)!;

        Assert.Equal((major, minor), (version.Major, version.Minor));
        Assert.Equal(text, version.Text);
    }

    [Fact]
    public void TextWithoutANumberIsNoVersion() => Assert.Null(LibTorchVersion.Parse("unknown"));

    [Fact]
    public void OnlyALaterMinorOfTheSameMajorIsNewer()
    {
        var required = LibTorchVersion.Parse("2.10.0")!;

        Assert.True(LibTorchVersion.Parse("2.10.1+cu128")!.SameRelease(required));
        Assert.True(LibTorchVersion.Parse("2.11.0")!.NewerMinorThan(required));
        Assert.False(LibTorchVersion.Parse("2.9.1")!.NewerMinorThan(required));
        Assert.False(LibTorchVersion.Parse("3.0.0")!.NewerMinorThan(required));
    }

    [Fact]
    public void RequiredReleaseIsTheOneTorchSharpWasPairedWith() =>
        Assert.Equal("2.10", LibTorch.Required.Release);

    [Fact]
    public void PipInstallsSayItInTorchVersionPy()
    {
        using var temp = new TempDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(temp.Path, "torch", "lib")).FullName;
        File.WriteAllText(Path.Combine(temp.Path, "torch", "version.py"), "from typing import Optional\n__version__ = '2.11.0+cu130'\ncuda: Optional[str] = '13.0'\n");

        var (version, file) = LibTorchVersion.FindBeside(lib)!.Value;

        Assert.Equal("2.11.0+cu130", version.Text);
        Assert.Equal(Path.Combine(temp.Path, "torch", "version.py"), file);
    }

    [Fact]
    public void TheLibTorchArchiveSaysItInBuildVersion()
    {
        using var temp = new TempDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(temp.Path, "libtorch", "lib")).FullName;
        File.WriteAllText(Path.Combine(temp.Path, "libtorch", "build-version"), "2.10.0+cpu\n");

        Assert.Equal("2.10.0+cpu", LibTorchVersion.FindBeside(lib)!.Value.Version.Text);
    }

    [Fact]
    public void ANuGetPackageSaysItInItsNuspec()
    {
        using var temp = new TempDirectory();
        var native = Directory.CreateDirectory(Path.Combine(temp.Path, "runtimes", "linux-x64", "native")).FullName;
        File.WriteAllText(temp.File("libtorch-cuda-12.8-linux-x64.nuspec"), "<package><metadata><id>libtorch-cuda-12.8-linux-x64</id><version>2.10.0</version></metadata></package>");

        var (version, file) = LibTorchVersion.FindBeside(native)!.Value;

        Assert.Equal("2.10.0", version.Text);
        Assert.EndsWith(".nuspec", file);
    }

    [Fact]
    public void AFolderWithNothingBesideItHasNoKnownVersion()
    {
        using var temp = new TempDirectory();

        Assert.Null(LibTorchVersion.FindBeside(Directory.CreateDirectory(temp.File("lib")).FullName));
    }
}
