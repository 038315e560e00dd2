namespace NetDsl.Runtime.Metrics;

/// <summary>The top-k error for one k.</summary>
/// <param name="K">How many of the highest-scoring classes may hold the target.</param>
/// <param name="Error">The fraction of images whose target is not among the <paramref name="K"/> highest-scoring classes.</param>
public sealed record TopKError(int K, double Error);
