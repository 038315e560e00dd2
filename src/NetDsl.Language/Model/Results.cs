namespace NetDsl.Language.Model;

/// <summary>How bad a diagnostic is.</summary>
public enum Severity
{
    /// <summary>The build fails.</summary>
    Error,

    /// <summary>The build goes on.</summary>
    Warning,
}

/// <summary>A problem found in a spec, with a stable id (<c>NDxxxx</c>) and the span it is reported at.</summary>
public sealed record SpecDiagnostic(string Id, Severity Severity, string Message, SourceSpan Span)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Span}: {(Severity == Severity.Error ? "error" : "warning")} {Id}: {Message}";
}

/// <summary>A tensor shape without the batch dimension: [C, H, W], or [F] after flatten or linear.</summary>
public sealed record TensorShape(EquatableArray<int> Dims)
{
    /// <summary>A [C, H, W] shape.</summary>
    public static TensorShape Chw(int c, int h, int w) => new(EquatableArray.Of(c, h, w));

    /// <summary>A [F] shape.</summary>
    public static TensorShape Flat(int features) => new(EquatableArray.Of(features));

    /// <summary>Channels, or features for a flat shape.</summary>
    public int Channels => Dims[0];

    /// <summary><c>[64, 56, 56]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", Dims) + "]";
}

/// <summary>One row of a network summary: a module at <see cref="Path"/> (its state-dict prefix).</summary>
public sealed record LayerSummary(
    string Path,
    string Kind,
    int Depth,
    TensorShape Input,
    TensorShape Output,
    long Parameters,
    long MultiplyAdds);

/// <summary>One entry of a module's state dict: a parameter, or a buffer (batch-norm statistics).</summary>
public sealed record StateTensor(string Key, EquatableArray<long> Shape, bool Buffer);

/// <summary>What shape inference found for a network with its default parameters at one input size.</summary>
public sealed record NetworkSummary(
    string Network,
    TensorShape Input,
    TensorShape Output,
    long Parameters,
    long MultiplyAdds,
    EquatableArray<LayerSummary> Layers)
{
    /// <summary>The state dict, in registration order (each module's parameters, then its buffers).</summary>
    public EquatableArray<StateTensor> Tensors { get; init; }
}
