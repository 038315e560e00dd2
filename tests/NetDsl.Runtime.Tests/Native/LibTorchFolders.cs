using System;
using System.IO;
using NetDsl.Runtime.Native;
using NetDsl.Testing;

namespace NetDsl.Runtime.Tests.Native;

/// <summary>libtorch folders laid out as the distributions lay them, made of links to real libraries.</summary>
internal static class LibTorchFolders
{
    /// <summary>Debian's PyTorch 1.13 (python3-torch, which scripts/test.sh installs).</summary>
    public const string Debian = DebianTorch.Folder;

    /// <summary>The NuGet libtorch 2.10 the test program carries, beside TorchSharp.dll.</summary>
    public static string NuGet => LibTorch.TorchSharpFolder;

    /// <summary>Links the three core libraries of <paramref name="source"/> into <paramref name="folder"/>.</summary>
    public static string LinkCore(string source, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            File.CreateSymbolicLink(Path.Combine(folder, name), Path.Combine(source, name));
        }

        return folder;
    }

    /// <summary>A pip-style <c>torch/lib</c> under <paramref name="root"/> with a <c>torch/version.py</c> saying <paramref name="version"/>.</summary>
    public static string PipLayout(string root, string source, string version)
    {
        var lib = LinkCore(source, Path.Combine(root, "site-packages", "torch", "lib"));
        File.WriteAllText(Path.Combine(root, "site-packages", "torch", "version.py"), $"__version__ = '{version}'\ndebug = False\n");
        return lib;
    }

    /// <summary>An environment with only <paramref name="name"/> set.</summary>
    public static Func<string, string?> Environment(string name, string value) => n => n == name ? value : null;
}
