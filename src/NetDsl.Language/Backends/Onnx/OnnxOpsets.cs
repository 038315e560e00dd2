using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>
/// The opsets the ONNX back end writes and what each node needs. Every node records the opset in which its operator
/// first took the form written (pads as an input of Pad: 11; ceil_mode of MaxPool/AveragePool: 10; a Gemm without C:
/// 11; Clip's bounds as inputs: 11; Slice's steps: 10; Erf: 9), so a lower opset is refused at the first layer that
/// needs more, with that layer and the opset it needs.
/// </summary>
public static class OnnxOpsets
{
    /// <summary>The opset written unless told otherwise.</summary>
    public const int Default = 17;

    /// <summary>The lowest opset written: Add and Mul broadcast as NumPy does from opset 7 on.</summary>
    public const int Min = 7;

    /// <summary>The highest opset written (IR version 10).</summary>
    public const int Max = 21;

    /// <summary>The first opset with the Gelu operator; below it GELU is written with Erf.</summary>
    public const int Gelu = 20;

    /// <summary>The IR version of a model of that opset (the ONNX release that introduced the opset).</summary>
    public static int IrVersion(int opset) => opset switch
    {
        <= 8 => 3,
        9 => 4,
        10 => 5,
        11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    /// <summary>Refuses an opset out of range, or one lower than a node needs (naming the first such layer).</summary>
    /// <exception cref="NotExportableException">The opset is out of range or too low for a layer.</exception>
    public static void Check(int opset, EquatableArray<OnnxNode> nodes, SourceSpan network)
    {
        if (opset is < Min or > Max)
        {
            throw new NotExportableException(network, $"opset {opset} is not supported; ONNX export writes opsets {Min} to {Max} (default {Default})");
        }

        if (nodes.FirstOrDefault(n => n.MinOpset > opset) is { } node)
        {
            throw new NotExportableException(
                node.Span,
                $"the layer '{node.Layer}' needs opset {node.MinOpset} or later (ONNX {node.OpType} in the form it is written), but opset {opset} was asked for; export with opset {node.MinOpset} or later");
        }
    }
}
