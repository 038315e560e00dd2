using System.Collections.Generic;

namespace NetDsl.Runtime.Metrics;

/// <summary>What a <see cref="ClassificationMetrics"/> has accumulated, so a checkpoint taken mid-epoch carries the epoch's metrics on.</summary>
/// <param name="LossSum">The sum of per-image losses.</param>
/// <param name="Top1">Images whose highest logit was the target.</param>
/// <param name="Top5">Images whose target was among the five highest logits.</param>
/// <param name="Confusion">The confusion counts, one row per actual class.</param>
public sealed record MetricsState(double LossSum, long Top1, long Top5, IReadOnlyList<IReadOnlyList<long>> Confusion);
