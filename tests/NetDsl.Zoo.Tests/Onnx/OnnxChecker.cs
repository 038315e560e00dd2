using NetDsl.Zoo.Tests.Parity;
using Xunit;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>
/// ONNX's own checker (<c>onnx.checker.check_model(m, full_check=True)</c>: the proto, every node against its
/// operator schema, and shape inference) from Debian's python3-onnx, run on exported files.
/// </summary>
internal static class OnnxChecker
{
    private const string Script = "import sys, onnx\nfor path in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(path), full_check=True)\n";

    /// <summary>Why the checker cannot run here, or null when it can.</summary>
    public static string? WhyUnavailable { get; } = Missing();

    /// <summary>Checks every file; fails with the checker's message.</summary>
    public static void Check(params string[] paths)
    {
        var (exit, _, error) = ReferencePython.Exec(["-c", Script, .. paths]);
        Assert.True(exit == 0, $"onnx.checker rejects {string.Join(", ", paths)}: {error.Trim()}");
    }

    private static string? Missing()
    {
        if (!System.IO.File.Exists(ReferencePython.Python))
        {
            return $"{ReferencePython.Python} does not exist; install python3-onnx (scripts/test.sh does it).";
        }

        var (exit, _, error) = ReferencePython.Exec("-c", "import onnx");
        return exit == 0 ? null : $"{ReferencePython.Python} cannot import onnx ({error.Trim()}); install python3-onnx (scripts/test.sh does it).";
    }
}
