using System.Collections.Generic;

namespace NetDsl.Runtime.Metrics;

/// <summary>What a <see cref="ClassificationMetrics"/> has accumulated, so a checkpoint taken mid-epoch carries the epoch's metrics on.</summary>
/// <param name="LossSum">The sum of per-image losses.</param>
/// <param name="RankCounts">
/// For each r from 0 to classes − 1, the images whose target had r classes scoring strictly higher: the top-k
/// count of any k is the sum of the first k entries.
/// </param>
/// <param name="Confusion">The confusion counts, one row per actual class.</param>
public sealed record MetricsState(double LossSum, IReadOnlyList<long> RankCounts, IReadOnlyList<IReadOnlyList<long>> Confusion);
