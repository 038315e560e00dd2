using System.Linq;
using NetDsl.Runtime.Metrics;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Tests.Reporting;

internal static class ReportFactory
{
    public static MetricsSummary Summary(double loss, double accuracy) => new(loss, accuracy, [new(1, 1 - accuracy), new(3, 0.02), new(5, 0.01)], [accuracy, double.NaN], 100);

    public static EpochReport Epoch(int epoch, double loss, double accuracy, bool withValidation) =>
        new(epoch, Summary(loss, accuracy), withValidation ? Summary(loss + 0.1, accuracy - 0.05) : null, 0.1, 2.5, 400, 0.125, epoch == 0, null);

    /// <summary>A start at <paramref name="firstEpoch"/>, after that many finished epochs (as a checkpoint's history has them).</summary>
    public static TrainingStart Start(int firstEpoch, long firstStep = 0) =>
        new(firstEpoch, 3, 10, "cpu", ["a", "b"], [.. Enumerable.Range(0, firstEpoch).Select(e => Epoch(e, 1.5 - (0.1 * e), 0.6, withValidation: false))])
        {
            FirstStep = firstStep == 0 ? firstEpoch * 10 : firstStep,
        };
}
