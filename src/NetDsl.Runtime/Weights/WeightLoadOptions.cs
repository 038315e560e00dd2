using System.Collections.Generic;

namespace NetDsl.Runtime.Weights;

/// <summary>How <see cref="ModelWeights.Load"/> matches a file's tensors to a model's state dict.</summary>
public sealed record WeightLoadOptions
{
    /// <summary>Strict (the default, as in PyTorch): every model key must be in the file and every file key in the model.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>
    /// Name patterns (<see cref="Transfer.NamePattern"/>, e.g. <c>fc.*</c>) of model keys to leave as they are and of
    /// file keys to ignore: the classifier being replaced for a new number of classes.
    /// </summary>
    public IReadOnlyList<string> Skip { get; init; } = [];
}
