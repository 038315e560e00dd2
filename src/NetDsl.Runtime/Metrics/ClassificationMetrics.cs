using System;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Metrics;

/// <summary>
/// Accumulates loss, top-1 and top-5 error and a confusion matrix over batches of logits. A target counts as
/// top-k correct when fewer than k classes have a strictly higher logit than the target's (ties favour the target).
/// </summary>
public sealed class ClassificationMetrics
{
    private double _lossSum;
    private long _top1;
    private long _top5;

    /// <summary>Creates an empty accumulator for <paramref name="classes"/> classes.</summary>
    public ClassificationMetrics(int classes)
    {
        Confusion = new ConfusionMatrix(classes);
    }

    /// <summary>The confusion matrix of top-1 predictions.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Number of images seen.</summary>
    public long Count => Confusion.Total;

    /// <summary>Mean loss per image.</summary>
    public double Loss => Count == 0 ? double.NaN : _lossSum / Count;

    /// <summary>Fraction of images whose highest logit is the target.</summary>
    public double Accuracy => Count == 0 ? double.NaN : (double)_top1 / Count;

    /// <summary>1 − top-1 accuracy.</summary>
    public double Top1Error => 1 - Accuracy;

    /// <summary>Fraction of images whose target is not among the five highest logits (0 when there are five classes or fewer).</summary>
    public double Top5Error => Count == 0 ? double.NaN : 1 - ((double)_top5 / Count);

    /// <summary>
    /// Adds a batch: <paramref name="logits"/> is <c>[targets.Length, classes]</c> row-major and
    /// <paramref name="meanLoss"/> the batch's mean loss.
    /// </summary>
    public void Add(ReadOnlySpan<float> logits, ReadOnlySpan<long> targets, double meanLoss)
    {
        var classes = Confusion.Classes;
        if (logits.Length != targets.Length * classes)
        {
            throw new ArgumentException($"{targets.Length} targets of {classes} classes need {targets.Length * classes} logits, not {logits.Length}.", nameof(logits));
        }

        for (var i = 0; i < targets.Length; i++)
        {
            var row = logits.Slice(i * classes, classes);
            var target = (int)targets[i];
            var best = 0;
            var higher = 0;
            for (var c = 0; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }

                if (row[c] > row[target])
                {
                    higher++;
                }
            }

            if (higher == 0)
            {
                best = target;
                _top1++;
            }

            if (higher < 5)
            {
                _top5++;
            }

            Confusion.Add(target, best);
        }

        _lossSum += meanLoss * targets.Length;
    }

    /// <summary>Continues from <paramref name="state"/> (see <see cref="Save"/>).</summary>
    /// <exception cref="ArgumentException">The state is for another number of classes.</exception>
    public static ClassificationMetrics Restore(MetricsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var classes = state.Confusion.Count;
        if (classes < 1 || state.Confusion.Any(row => row.Count != classes))
        {
            throw new ArgumentException("The saved confusion matrix is not square.", nameof(state));
        }

        var metrics = new ClassificationMetrics(classes) { _lossSum = state.LossSum, _top1 = state.Top1, _top5 = state.Top5 };
        for (var actual = 0; actual < classes; actual++)
        {
            for (var predicted = 0; predicted < classes; predicted++)
            {
                metrics.Confusion.Add(actual, predicted, state.Confusion[actual][predicted]);
            }
        }

        return metrics;
    }

    /// <summary>The accumulated values, exactly, for <see cref="Restore"/>.</summary>
    public MetricsState Save() => new(
        _lossSum,
        _top1,
        _top5,
        Enumerable.Range(0, Confusion.Classes).Select(a => (IReadOnlyList<long>)Enumerable.Range(0, Confusion.Classes).Select(p => Confusion[a, p]).ToArray()).ToArray());

    /// <summary>A snapshot of the accumulated values.</summary>
    public MetricsSummary Summarize() => new(Loss, Accuracy, Top1Error, Top5Error, Confusion.PerClassAccuracy(), Count);
}
