using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace NetDsl.Runtime.Native;

/// <summary>
/// A libtorch release as PyTorch names it (<c>2.10.0</c>, <c>2.11.0+cu130</c>, <c>1.13.0a0</c>): what decides whether
/// TorchSharp's native shim can run against it is the major and minor number.
/// </summary>
/// <param name="Major">The major number.</param>
/// <param name="Minor">The minor number.</param>
/// <param name="Text">The version as written where it was found.</param>
public sealed record LibTorchVersion(int Major, int Minor, string Text)
{
    private static readonly Regex Leading = new(@"^\s*(\d+)\.(\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex PythonVersion = new(@"^__version__\s*=\s*['""]([^'""]+)['""]", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex NuspecVersion = new(@"<version>([^<]+)</version>", RegexOptions.CultureInvariant);

    /// <summary>Reads <paramref name="text"/>'s leading <c>major.minor</c>; null when it does not start with one.</summary>
    public static LibTorchVersion? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Leading.Match(text);
        return match.Success
            ? new LibTorchVersion(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), text.Trim())
            : null;
    }

    /// <summary>
    /// Finds the version of the libtorch whose <c>.so</c> files are in <paramref name="folder"/> from the file each
    /// distribution puts beside them (the libraries themselves carry no version string): a PyTorch install's
    /// <c>torch/version.py</c>, the libtorch archive's <c>build-version</c>, a NuGet libtorch package's
    /// <c>.nuspec</c>. Returns the version and the file it came from, or null when there is none.
    /// </summary>
    public static (LibTorchVersion Version, string File)? FindBeside(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        if (parent is null)
        {
            return null;
        }

        var candidates = new (string Path, Regex? Pattern)[]
        {
            (Path.Combine(parent, "version.py"), PythonVersion),
            (Path.Combine(parent, "build-version"), null),
        };
        // runtimes/<rid>/native/ of a NuGet package: the .nuspec is three folders up.
        var package = Path.GetDirectoryName(Path.GetDirectoryName(parent));
        var nuspecs = package is not null && Path.GetFileName(Path.GetDirectoryName(parent)) == "runtimes" && Directory.Exists(package)
            ? Directory.GetFiles(package, "*.nuspec").Select(p => (p, (Regex?)NuspecVersion))
            : [];
        foreach (var (path, pattern) in candidates.Concat(nuspecs))
        {
            if (!File.Exists(path))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            var value = pattern is null ? text.Split('\n')[0] : pattern.Match(text) is { Success: true } m ? m.Groups[1].Value : string.Empty;
            if (Parse(value) is { } version)
            {
                return (version, path);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="other"/> has the same major and minor number.</summary>
    public bool SameRelease(LibTorchVersion other) => other is not null && Major == other.Major && Minor == other.Minor;

    /// <summary>Whether this is a later release than <paramref name="other"/> of the same major number.</summary>
    public bool NewerMinorThan(LibTorchVersion other) => other is not null && Major == other.Major && Minor > other.Minor;

    /// <summary><c>major.minor</c>.</summary>
    public string Release => $"{Major}.{Minor}";

    /// <inheritdoc />
    public override string ToString() => Text;
}
