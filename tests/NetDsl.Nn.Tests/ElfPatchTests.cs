using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetDsl.Nn.Tests;

public sealed class ElfPatchTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("netdsl-elf-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void OutputCopyIsWeakAndCacheOriginalIsUntouched()
    {
        Assert.Equal(NativeTools.HostDefinesWeakVersion ? "none" : "WEAK", NativeTools.NeedFlags(NativeTools.OutputLibrary));
        Assert.Equal("none", NativeTools.NeedFlags(NativeTools.CacheLibrary));
        Assert.NotEqual(NativeTools.Inode(NativeTools.CacheLibrary), NativeTools.Inode(NativeTools.OutputLibrary));
    }

    [Fact]
    public void HardLinkIsBrokenAndSecondRunChangesNothing()
    {
        var library = Path.Combine(directory, "libLibTorchSharp.so");
        // A hard link, as CreateHardLinksForCopyLocalIfPossible makes; a copy where the cache is on another file system.
        if (NativeTools.Run("ln", NativeTools.CacheLibrary, library).ExitCode != 0)
        {
            File.Copy(NativeTools.CacheLibrary, library);
        }

        var first = Weaken(library);
        var second = Weaken(library);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("none", NativeTools.NeedFlags(NativeTools.CacheLibrary));
        if (NativeTools.HostDefinesWeakVersion)
        {
            Assert.Contains("left as is", first.Output, StringComparison.Ordinal);
            return;
        }
        Assert.Contains($"marked {NativeTools.WeakVersion}", first.Output, StringComparison.Ordinal);
        Assert.Contains("already needs", second.Output, StringComparison.Ordinal);
        Assert.Equal("WEAK", NativeTools.NeedFlags(library));
        Assert.NotEqual(NativeTools.Inode(NativeTools.CacheLibrary), NativeTools.Inode(library));
        Assert.Equal(new FileInfo(NativeTools.CacheLibrary).Length, new FileInfo(library).Length);
        Assert.Equal([library, Path.Combine(directory, "weaken.proj")], Directory.GetFiles(directory).Order());
    }

    [Fact]
    public void NonElfFileFailsTheBuild()
    {
        var library = Path.Combine(directory, "libLibTorchSharp.so");
        File.WriteAllText(library, "not an ELF file");

        var result = Weaken(library);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error : NetDsl: " + library + " is not a little-endian ELF64 file", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4018", result.Output, StringComparison.Ordinal);
        Assert.Equal("not an ELF file", File.ReadAllText(library));
    }

    [Fact]
    public void TruncatedElfFailsTheBuild()
    {
        var library = Path.Combine(directory, "libLibTorchSharp.so");
        File.WriteAllBytes(library, File.ReadAllBytes(NativeTools.CacheLibrary)[..4096]);

        var result = Weaken(library);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has its section header table outside its bounds", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the build's task on one file through a project that imports the repository's Directory.Build.targets.</summary>
    private (int ExitCode, string Output) Weaken(string library)
    {
        var project = Path.Combine(directory, "weaken.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{Path.Combine(NativeTools.RepoRoot, "Directory.Build.targets")}" />
              <Target Name="Weaken">
                <NetDslMarkVersionNeedWeak Libraries="$(Library)" Version="$(NetDslWeakGlibcxxVersion)" />
              </Target>
            </Project>
            """);
        return NativeTools.Run("dotnet", "msbuild", project, "-t:Weaken", "-nologo", "-noAutoResponse", $"-p:Library={library}");
    }
}
