using System.Collections.Generic;

namespace NetDsl.Runtime.Metrics;

/// <summary>Classification metrics over a whole pass of a data set.</summary>
/// <param name="Loss">Mean loss per image.</param>
/// <param name="Accuracy">Top-1 accuracy.</param>
/// <param name="Top1Error">1 − accuracy.</param>
/// <param name="Top5Error">Fraction of images whose target is outside the top five.</param>
/// <param name="PerClassAccuracy">Accuracy of each class (NaN for a class without images).</param>
/// <param name="Count">Number of images.</param>
public sealed record MetricsSummary(double Loss, double Accuracy, double Top1Error, double Top5Error, IReadOnlyList<double> PerClassAccuracy, long Count);
