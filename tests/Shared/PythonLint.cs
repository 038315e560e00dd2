using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace NetDsl.Testing;

/// <summary>
/// Checks generated Python with Debian's interpreter: <c>py_compile</c> (it parses and compiles) and pyflakes
/// (python3-pyflakes, which scripts/test.sh installs: unused imports, undefined names, redefinitions).
/// </summary>
internal static class PythonLint
{
    /// <summary>The interpreter (the <c>python3</c> first on PATH may be another one).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Null when both checks can run here, else why the tests that need them are skipped.</summary>
    public static string? WhyUnavailable { get; } = Find();

    /// <summary>Compiles and lints <paramref name="files"/>; returns what either check printed (empty when both pass).</summary>
    public static string Problems(IReadOnlyList<string> files)
    {
        var compiled = ChildProcess.Run(Python, new[] { "-m", "py_compile" }.Concat(files));
        var flakes = ChildProcess.Run(Python, new[] { "-m", "pyflakes" }.Concat(files));
        return (compiled.ExitCode == 0 ? string.Empty : compiled.Output + compiled.Error)
            + (flakes.ExitCode == 0 ? string.Empty : flakes.Output + flakes.Error);
    }

    private static string? Find()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist; install python3 and python3-pyflakes (scripts/test.sh does it).";
        }

        var (exit, _, error) = ChildProcess.Run(Python, ["-m", "pyflakes", "--version"]);
        return exit == 0 ? null : $"{Python} has no pyflakes ({error.Trim()}); install python3-pyflakes (scripts/test.sh does it).";
    }
}

/// <summary>A fact that needs <see cref="PythonLint"/>; skipped, saying why, where it cannot run.</summary>
public sealed class PythonLintFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the checks cannot run.</summary>
    public PythonLintFactAttribute() => Skip = PythonLint.WhyUnavailable;
}
