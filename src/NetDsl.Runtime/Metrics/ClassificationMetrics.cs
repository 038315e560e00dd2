using System;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Metrics;

/// <summary>
/// Accumulates loss, top-k error for every k and a confusion matrix over batches of scores (logits, or
/// probabilities: only their order matters). It counts, for each image, the classes that score strictly higher
/// than the target (the target's rank), so the top-k error of any k can be read afterwards: a target is top-k
/// correct when fewer than k classes score strictly higher than it (ties favour the target).
/// </summary>
public sealed class ClassificationMetrics
{
    private readonly long[] _ranks;
    private double _lossSum;

    /// <summary>Creates an empty accumulator for <paramref name="classes"/> classes.</summary>
    public ClassificationMetrics(int classes)
    {
        Confusion = new ConfusionMatrix(classes);
        _ranks = new long[classes];
    }

    /// <summary>The confusion matrix of top-1 predictions.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Number of images seen.</summary>
    public long Count => Confusion.Total;

    /// <summary>Mean loss per image.</summary>
    public double Loss => Count == 0 ? double.NaN : _lossSum / Count;

    /// <summary>Fraction of images whose highest score is the target's.</summary>
    public double Accuracy => 1 - Top1Error;

    /// <summary>1 − top-1 accuracy.</summary>
    public double Top1Error => TopError(1);

    /// <summary>Fraction of images whose target is not among the <paramref name="k"/> highest scores (0 when <paramref name="k"/> reaches the class count).</summary>
    public double TopError(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (Count == 0)
        {
            return double.NaN;
        }

        long correct = 0;
        for (var r = 0; r < Math.Min(k, _ranks.Length); r++)
        {
            correct += _ranks[r];
        }

        return 1 - ((double)correct / Count);
    }

    /// <summary>
    /// Adds a batch: <paramref name="scores"/> is <c>[targets.Length, classes]</c> row-major and
    /// <paramref name="meanLoss"/> the batch's mean loss.
    /// </summary>
    public void Add(ReadOnlySpan<float> scores, ReadOnlySpan<long> targets, double meanLoss)
    {
        var classes = Confusion.Classes;
        if (scores.Length != targets.Length * classes)
        {
            throw new ArgumentException($"{targets.Length} targets of {classes} classes need {targets.Length * classes} scores, not {scores.Length}.", nameof(scores));
        }

        for (var i = 0; i < targets.Length; i++)
        {
            var row = scores.Slice(i * classes, classes);
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

            _ranks[higher]++;
            Confusion.Add(target, higher == 0 ? target : best);
        }

        _lossSum += meanLoss * targets.Length;
    }

    /// <summary>Continues from <paramref name="state"/> (see <see cref="Save"/>).</summary>
    /// <exception cref="ArgumentException">The state is for another number of classes, or its counts disagree.</exception>
    public static ClassificationMetrics Restore(MetricsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var classes = state.Confusion.Count;
        if (classes < 1 || state.Confusion.Any(row => row.Count != classes))
        {
            throw new ArgumentException("The saved confusion matrix is not square.", nameof(state));
        }

        if (state.RankCounts is null || state.RankCounts.Count != classes || state.RankCounts.Sum() != state.Confusion.Sum(row => row.Sum()))
        {
            throw new ArgumentException(
                $"The saved metrics have no rank count for each of the {classes} classes that adds up to the confusion matrix's images (a checkpoint written by an earlier NetDsl counted top-1 and top-5 only).",
                nameof(state));
        }

        var metrics = new ClassificationMetrics(classes) { _lossSum = state.LossSum };
        state.RankCounts.ToArray().CopyTo(metrics._ranks, 0);
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
        [.. _ranks],
        Enumerable.Range(0, Confusion.Classes).Select(a => (IReadOnlyList<long>)Enumerable.Range(0, Confusion.Classes).Select(p => Confusion[a, p]).ToArray()).ToArray());

    /// <summary>A snapshot of the accumulated values with the top-k errors of <paramref name="topK"/> (<see cref="TopK.Default"/> when null).</summary>
    public MetricsSummary Summarize(IReadOnlyList<int>? topK = null) =>
        new(Loss, Accuracy, [.. TopK.Normalize(topK ?? TopK.Default).Select(k => new TopKError(k, TopError(k)))], Confusion.PerClassAccuracy(), Count);
}
