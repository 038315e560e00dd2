using NetDsl.Runtime.Metrics;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Tests.Reporting;

internal static class ReportFactory
{
    public static MetricsSummary Summary(double loss, double accuracy) => new(loss, accuracy, 1 - accuracy, 0.01, [accuracy, double.NaN], 100);

    public static EpochReport Epoch(int epoch, double loss, double accuracy, bool withValidation) =>
        new(epoch, Summary(loss, accuracy), withValidation ? Summary(loss + 0.1, accuracy - 0.05) : null, 0.1, 2.5, 400, 0.125, epoch == 0, null);

    public static TrainingStart Start(int firstEpoch) => new(firstEpoch, 3, 10, "cpu", ["a", "b"], []);
}
