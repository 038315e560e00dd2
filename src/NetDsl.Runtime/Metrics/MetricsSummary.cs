using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Metrics;

/// <summary>Classification metrics over a whole pass of a data set.</summary>
/// <param name="Loss">Mean loss per image.</param>
/// <param name="Accuracy">Top-1 accuracy.</param>
/// <param name="TopErrors">The top-k errors the run reports, by ascending k.</param>
/// <param name="PerClassAccuracy">Accuracy of each class (NaN for a class without images).</param>
/// <param name="Count">Number of images.</param>
public sealed record MetricsSummary(double Loss, double Accuracy, IReadOnlyList<TopKError> TopErrors, IReadOnlyList<double> PerClassAccuracy, long Count)
{
    /// <summary>The top-k errors by ascending k (empty for a summary saved by a NetDsl that had none).</summary>
    public IReadOnlyList<TopKError> TopErrors { get; init; } = TopErrors ?? [];

    /// <summary>1 − accuracy, whichever k are reported.</summary>
    public double Top1Error => 1 - Accuracy;

    /// <summary>The top-<paramref name="k"/> error, or null when this summary does not report that k.</summary>
    public double? TopError(int k) => TopErrors.FirstOrDefault(e => e.K == k)?.Error;
}
