using System.IO;
using Xunit;

namespace NetDsl.Testing;

/// <summary>Debian's PyTorch 1.13 (python3-torch, which scripts/test.sh installs): a libtorch TorchSharp 0.107 cannot run on.</summary>
internal static class DebianTorch
{
    /// <summary>Its <c>torch/lib</c> folder.</summary>
    public const string Folder = "/usr/lib/python3/dist-packages/torch/lib";

    /// <summary>The interpreter that imports it.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Null when it is installed, else why the tests that need it are skipped.</summary>
    public static string? WhyUnavailable =>
        File.Exists(Path.Combine(Folder, "libtorch_cpu.so")) ? null : $"{Folder} is missing: python3-torch is not installed (scripts/test.sh installs it).";
}

/// <summary>A fact that needs Debian's PyTorch 1.13; skipped, saying why, where python3-torch is not installed.</summary>
public sealed class DebianTorchFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the library is missing.</summary>
    public DebianTorchFactAttribute() => Skip = DebianTorch.WhyUnavailable;
}
