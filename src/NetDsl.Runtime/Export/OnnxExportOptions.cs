using System.Collections.Generic;
using NetDsl.Language.Backends.Onnx;

namespace NetDsl.Runtime.Export;

/// <summary>How <see cref="OnnxExport"/> writes a network: the graph's options and the model's extra metadata.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>The opset of the default domain (17 unless told; 7 to 21).</summary>
    public int Opset { get; init; } = OnnxOpsets.Default;

    /// <summary>Fold each batch norm that directly follows a conv into that conv's weight and bias.</summary>
    public bool FoldBatchNorm { get; init; }

    /// <summary>The input height and width the graph is for; the network's nominal input when null.</summary>
    public (int H, int W)? Input { get; init; }

    /// <summary>The network parameter values the module was built with, where they are not the spec's defaults.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>More metadata_props of the model (a weights file's <c>netdsl.*</c> entries: classes, mean, std).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The language back end's options.</summary>
    internal OnnxOptions Graph => new() { Opset = Opset, FoldBatchNorm = FoldBatchNorm, Input = Input, Parameters = Parameters };
}
