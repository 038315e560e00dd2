using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>
/// A network as an ONNX graph, before any weights are read: its input and output, nodes in execution order, the
/// initializers it reads from the TorchSharp module's state dict (by key, with the state dict's shapes), and small
/// constants of its own. Plain, equatable data: the runtime serialises it, tests compare it.
/// </summary>
/// <param name="Name">The network's class name.</param>
/// <param name="Opset">The ONNX opset of the default domain the nodes are written for.</param>
/// <param name="Input">The graph input ([N, C, H, W]; N symbolic, H and W symbolic where nothing needs them fixed).</param>
/// <param name="Output">The graph output: the network's main output only (auxiliary heads are left out).</param>
/// <param name="Nodes">The nodes, in execution order.</param>
/// <param name="Initializers">The weights, each read from the state dict (or folded from several entries).</param>
/// <param name="Constants">Constants the graph needs (a Clip's bounds, a Slice's steps, a Pad's amounts).</param>
public sealed record OnnxGraph(
    string Name,
    int Opset,
    OnnxValueInfo Input,
    OnnxValueInfo Output,
    EquatableArray<OnnxNode> Nodes,
    EquatableArray<OnnxInitializer> Initializers,
    EquatableArray<OnnxConstant> Constants)
{
    /// <summary>The [C, H, W] the graph was made for (the input a fixed-size graph expects).</summary>
    public EquatableArray<int> InputShape { get; init; }

    /// <summary>The inputs the network accepts, as the spec wrote them (<c>[3, 32.., 32..]</c>).</summary>
    public string Accepts { get; init; } = string.Empty;

    /// <summary>The whole state dict the TorchSharp module must have (keys and shapes), buffers included.</summary>
    public EquatableArray<StateTensor> StateDict { get; init; }

    /// <summary>The auxiliary heads' fields: the graph leaves them out, so a module built without them fits too.</summary>
    public EquatableArray<string> AuxiliaryHeads { get; init; }

    /// <summary>What the model is, for the file's doc_string.</summary>
    public string DocString { get; init; } = string.Empty;
}

/// <summary>A dimension: a size, or a name for a size chosen when the model runs (<c>N</c>).</summary>
public sealed record OnnxDim(long Value, string? Param)
{
    /// <summary>A fixed size.</summary>
    public static OnnxDim Fixed(long value) => new(value, null);

    /// <summary>A symbolic size.</summary>
    public static OnnxDim Symbolic(string name) => new(0, name);

    /// <inheritdoc />
    public override string ToString() => Param ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A float32 graph input or output and its shape.</summary>
public sealed record OnnxValueInfo(string Name, EquatableArray<OnnxDim> Dims);

/// <summary>
/// One node: its operator, inputs and outputs by value name, and attributes. <see cref="Layer"/> is the state-dict
/// path of the layer it comes from, <see cref="Span"/> where that layer was written, <see cref="MinOpset"/> the
/// lowest opset in which the operator takes this form (its attributes and inputs as written here).
/// </summary>
public sealed record OnnxNode(string OpType, string Name, EquatableArray<string> Inputs, EquatableArray<string> Outputs, EquatableArray<OnnxAttribute> Attributes)
{
    /// <summary>The layer's state-dict path (<c>layer1.0.conv1</c>).</summary>
    public string Layer { get; init; } = string.Empty;

    /// <summary>Where the layer was written.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The lowest opset that has this operator in this form.</summary>
    public int MinOpset { get; init; } = 1;
}

/// <summary>What an attribute holds.</summary>
public enum OnnxAttributeKind
{
    /// <summary>One integer.</summary>
    Int,

    /// <summary>A list of integers.</summary>
    Ints,

    /// <summary>One float.</summary>
    Float,
}

/// <summary>A node attribute: an integer, a list of integers or a float.</summary>
public sealed record OnnxAttribute(string Name, OnnxAttributeKind Kind, long Int, EquatableArray<long> Ints, double Float)
{
    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Of(string name, long value) => new(name, OnnxAttributeKind.Int, value, EquatableArray<long>.Empty, 0);

    /// <summary>A list-of-integers attribute.</summary>
    public static OnnxAttribute Of(string name, params long[] values) => new(name, OnnxAttributeKind.Ints, 0, values.ToEquatableArray(), 0);

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Of(string name, double value) => new(name, OnnxAttributeKind.Float, 0, EquatableArray<long>.Empty, value);
}

/// <summary>A weight of the graph: its name, its shape, and how it is made from the state dict.</summary>
public sealed record OnnxInitializer(string Name, EquatableArray<long> Shape, OnnxTensorSource Source);

/// <summary>How an initializer is made from the module's state dict.</summary>
public abstract record OnnxTensorSource;

/// <summary>The state-dict entry <see cref="Key"/> as it is.</summary>
public sealed record StateTensorSource(string Key) : OnnxTensorSource;

/// <summary>The state-dict keys of a batch norm and its epsilon, which a folded conv reads.</summary>
public sealed record BatchNormKeys(string Prefix, double Eps)
{
    /// <summary>γ.</summary>
    public string Weight => Prefix + ".weight";

    /// <summary>β.</summary>
    public string Bias => Prefix + ".bias";

    /// <summary>μ.</summary>
    public string Mean => Prefix + ".running_mean";

    /// <summary>σ².</summary>
    public string Var => Prefix + ".running_var";
}

/// <summary>A conv's weight with the following batch norm folded in: W·γ/√(σ²+ε), per output channel.</summary>
public sealed record FoldedWeightSource(string ConvWeight, BatchNormKeys Norm) : OnnxTensorSource;

/// <summary>A conv's bias (zero when it has none) with the batch norm folded in: (b − μ)·γ/√(σ²+ε) + β.</summary>
public sealed record FoldedBiasSource(string? ConvBias, BatchNormKeys Norm) : OnnxTensorSource;

/// <summary>The element type of a constant.</summary>
public enum OnnxConstantType
{
    /// <summary>float32.</summary>
    Float,

    /// <summary>int64.</summary>
    Int64,
}

/// <summary>A constant tensor of the graph's own (values in row-major order).</summary>
public sealed record OnnxConstant(string Name, OnnxConstantType Type, EquatableArray<long> Dims, EquatableArray<double> Values);
