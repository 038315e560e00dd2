using Xunit;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>Every zoo network's exports, plain and folded, pass ONNX's checker with full_check (node schemas and shape inference).</summary>
[Collection(ZooOnnxCollection.Name)]
public class OnnxCheckerTests(ZooOnnxExports exports)
{
    public static TheoryData<string> Networks => new(ZooOnnxExports.Networks);

    [OnnxCheckerTheory]
    [MemberData(nameof(Networks))]
    public void ExportsPassOnnxsFullCheck(string network)
    {
        var export = exports.Get(network);
        OnnxChecker.Check(export.Plain, export.Folded);
    }
}

/// <summary>A theory that needs Debian's python3-onnx; skipped, saying why, where it cannot be imported.</summary>
public sealed class OnnxCheckerTheoryAttribute : TheoryAttribute
{
    public OnnxCheckerTheoryAttribute() => Skip = OnnxChecker.WhyUnavailable;
}
