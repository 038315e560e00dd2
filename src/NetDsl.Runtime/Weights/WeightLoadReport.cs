using System.Collections.Generic;

namespace NetDsl.Runtime.Weights;

/// <summary>What loading did: the keys copied into the model, the model keys the file lacks, the file keys the model lacks, and those skipped.</summary>
public sealed record WeightLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Skipped);
