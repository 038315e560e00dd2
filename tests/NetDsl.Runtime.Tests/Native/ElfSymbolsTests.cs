using System.IO;
using System.Linq;
using NetDsl.Runtime.Native;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

/// <summary>The ELF reader against binutils' nm, on the real shim and libraries.</summary>
public sealed class ElfSymbolsTests
{
    [Fact]
    public void TheShimsUnversionedImportsAreNmsUndefinedSymbolsWithoutAVersion()
    {
        var nm = ChildProcess.Run("nm", ["-D", "--undefined-only", LibTorch.Shim]).Output.Split('\n')
            .Select(line => line.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields is ["U", var name] && !name.Contains('@'))
            .Select(fields => fields[1])
            .ToHashSet();

        var imports = ElfSymbols.UnversionedImports(LibTorch.Shim);

        Assert.True(nm.SetEquals(imports), $"nm lists {nm.Count}, the reader {imports.Count}");
        Assert.Contains("_ZN2at13globalContextEv", imports);
        Assert.DoesNotContain(imports, name => name.StartsWith("__gmon_start__", System.StringComparison.Ordinal));
    }

    [Fact]
    public void TheCarriedLibTorch210DefinesEveryImport()
    {
        var (imports, missing) = LibTorch.CompareSymbols(LibTorch.Locate(_ => null));

        Assert.True(imports.Count > 1000, $"{imports.Count} imports");
        Assert.Empty(missing);
    }

    [DebianTorchFact]
    public void DebiansLibTorch113LacksWhatNmSaysItLacks()
    {
        var defined = new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" }
            .SelectMany(name => ChildProcess.Run("nm", ["-D", "--defined-only", Path.Combine(LibTorchFolders.Debian, name)]).Output.Split('\n'))
            .Select(line => line.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 3)
            .Select(fields => fields[2].Split('@')[0])
            .ToHashSet();
        var imports = ElfSymbols.UnversionedImports(LibTorch.Shim);

        var missing = LibTorchCompatibility.MissingImports(imports, LibTorchFolders.Debian);

        Assert.Equal(imports.Where(name => !defined.Contains(name)).Order(System.StringComparer.Ordinal), missing);
        Assert.NotEmpty(missing);
    }

    [Fact]
    public void AFileThatIsNotAnElfLibraryIsNamedInTheError()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("libtorch_cpu.so"), "not a library");

        var e = Assert.Throws<InvalidDataException>(() => ElfSymbols.Exports(temp.File("libtorch_cpu.so")));

        Assert.Contains(temp.File("libtorch_cpu.so") + " is not a little-endian ELF64 file", e.Message);
    }
}
