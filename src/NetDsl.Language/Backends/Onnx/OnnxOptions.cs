using System.Collections.Generic;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>How <see cref="OnnxEmitter"/> writes a network.</summary>
public sealed class OnnxOptions
{
    /// <summary>The opset of the default domain (<see cref="OnnxOpsets.Default"/> unless told).</summary>
    public int Opset { get; init; } = OnnxOpsets.Default;

    /// <summary>Fold each batch norm that directly follows a conv (and is that conv's only reader) into the conv.</summary>
    public bool FoldBatchNorm { get; init; }

    /// <summary>The input height and width to make the graph for; the network's nominal input when null. It must be accepted.</summary>
    public (int H, int W)? Input { get; init; }

    /// <summary>Network parameter values instead of their defaults, by spec name (<c>classes</c>).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}
