using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Decides whether TorchSharp's native shim can run on a libtorch found elsewhere. The release it was built for
/// is accepted; an older release or another major one is refused; for a newer release of the same major one,
/// or one whose version nothing states, the shim's imports decide: every function it calls must be defined.
/// </summary>
internal static class LibTorchCompatibility
{
    /// <summary>Returns null for a match, a warning for a libtorch that is accepted on its symbols alone.</summary>
    /// <exception cref="LibTorchUnavailableException">The libtorch cannot run the shim.</exception>
    public static string? Check(LibTorchLocation location, string shim, LibTorchVersion required)
    {
        if (location.Source == LibTorchSource.Bundled || location.Version is { } same && same.SameRelease(required))
        {
            return null;
        }

        var builtFor = $"TorchSharp {LibTorch.TorchSharpVersion}, which was built for libtorch {required.Release}";
        var hint = $"set {LibTorch.FolderVariable} to the lib folder of a libtorch {required.Release} (a PyTorch {required.Release} install's torch/lib).";
        if (location.Version is { } found && !found.NewerMinorThan(required))
        {
            throw new LibTorchUnavailableException($"{location.Describe()} cannot run {builtFor}; {hint}");
        }

        if (!File.Exists(shim))
        {
            throw new LibTorchUnavailableException($"{location.Describe()} is not libtorch {required.Release}, and TorchSharp's shim {shim}, whose imports would decide, is missing; {hint}");
        }

        var imports = ElfSymbols.UnversionedImports(shim);
        var missing = MissingImports(imports, location.Folder);
        if (missing.Count > 0)
        {
            throw new LibTorchUnavailableException(
                $"{location.Describe()} lacks {missing.Count} of the {imports.Count} libtorch functions TorchSharp's shim calls (first: {missing[0]}), so it cannot run {builtFor}; {hint}");
        }

        return $"{location.Describe()} is not libtorch {required.Release}, the release TorchSharp {LibTorch.TorchSharpVersion} was built for; it defines all {imports.Count} functions the shim calls, but PyTorch keeps no C++ ABI across releases, so compare its results with a CPU run (scripts/gpu-check.sh does).";
    }

    /// <summary>The names in <paramref name="imports"/> that none of the libtorch libraries in <paramref name="folder"/> defines, sorted.</summary>
    public static IReadOnlyList<string> MissingImports(IReadOnlySet<string> imports, string folder)
    {
        var exports = LibTorchDiscovery.CoreLibraries.SelectMany(name => ElfSymbols.Exports(Path.Combine(folder, name))).ToHashSet();
        return [.. imports.Where(name => !exports.Contains(name)).Order(System.StringComparer.Ordinal)];
    }
}
