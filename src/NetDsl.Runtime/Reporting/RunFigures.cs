using System;
using System.Linq;
using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Reporting;

/// <summary>The final and best figures of a run, as a comparison table shows them.</summary>
/// <param name="Label">The run's name.</param>
/// <param name="Epochs">Epochs finished.</param>
/// <param name="Seconds">Wall time of all its epochs, evaluation included.</param>
/// <param name="FinalTrain">The last epoch's training figures (measured during the epoch, in training mode).</param>
/// <param name="FinalValidation">The last epoch's validation figures, if the run had validation data.</param>
/// <param name="BestEpoch">The epoch (0-based) of the lowest validation top-1 error (the first of equals), if any.</param>
/// <param name="BestValidation">That epoch's validation figures.</param>
public sealed record RunFigures(string Label, int Epochs, double Seconds, MetricsSummary FinalTrain, MetricsSummary? FinalValidation, int? BestEpoch, MetricsSummary? BestValidation)
{
    /// <summary>The figures of <paramref name="run"/>, which has at least one epoch.</summary>
    public static RunFigures Of(RunHistory run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Epochs.Count == 0)
        {
            throw new ArgumentException($"Run '{run.Label}' has no epochs.", nameof(run));
        }

        var last = run.Epochs[^1];
        var best = run.Epochs.Where(e => e.Validation is not null).OrderBy(e => e.Validation!.Top1Error).ThenBy(e => e.Epoch).FirstOrDefault();
        return new RunFigures(run.Label, run.Epochs.Count, run.Epochs.Sum(e => e.Seconds), last.Train, last.Validation, best?.Epoch, best?.Validation);
    }
}
