using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Training;

/// <summary>The metrics of one evaluation pass.</summary>
/// <param name="Summary">Loss, accuracy, top-1/top-5 error, per-class accuracy.</param>
/// <param name="Confusion">The confusion matrix of top-1 predictions.</param>
public sealed record EvaluationResult(MetricsSummary Summary, ConfusionMatrix Confusion);
