using System.Linq;
using NetDsl.Runtime.Metrics;
using Xunit;

namespace NetDsl.Runtime.Tests.Metrics;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void HandComputedThreeClassCase()
    {
        var metrics = new ClassificationMetrics(3);

        // predictions: 0 (target 0 ✓), 2 (target 1 ✗), 1 (target 1 ✓), 0 (target 2 ✗)
        metrics.Add(
            [
                5, 1, 0,
                0, 1, 3,
                0, 4, 2,
                9, 0, 8,
            ],
            [0, 1, 1, 2],
            meanLoss: 0.5);
        metrics.Add([1, 2, 3], [2], meanLoss: 1.5);

        Assert.Equal(5, metrics.Count);
        Assert.Equal(((0.5 * 4) + 1.5) / 5, metrics.Loss, 12);
        Assert.Equal(3.0 / 5, metrics.Accuracy, 12);
        Assert.Equal(2.0 / 5, metrics.Top1Error, 12);
        Assert.Equal(0, metrics.TopError(5));
        Assert.Equal(0, metrics.TopError(3));
        Assert.Equal(0, metrics.TopError(2)); // the two misses are ranked second
        Assert.Equal([1.0, 0.5, 0.5], metrics.Confusion.PerClassAccuracy());
        Assert.Equal(1, metrics.Confusion[1, 2]);
        Assert.Equal(1, metrics.Confusion[2, 0]);
        Assert.Equal(1, metrics.Confusion[2, 2]);
    }

    [Fact]
    public void TopFiveCountsTargetsRankedFifthOrBetter()
    {
        var metrics = new ClassificationMetrics(7);

        // target 0 ranked 5th (4 higher): top-5 correct; target 6 ranked 6th (5 higher): wrong; target 3 first.
        metrics.Add(
            [
                3, 7, 6, 5, 4, 0, 1,
                7, 6, 5, 4, 3, 2, 1.5f,
                0, 0, 0, 9, 0, 0, 0,
            ],
            [0, 6, 3],
            meanLoss: 1);

        Assert.Equal(1 - (1.0 / 3), metrics.Top1Error, 12);
        Assert.Equal(1.0 / 3, metrics.TopError(5), 12);
    }

    [Fact]
    public void TopKErrorOfAnyKIsReadFromTheTargetsRanks()
    {
        var metrics = new ClassificationMetrics(6);

        // Ranks of the targets (classes scoring strictly higher): 0, 2, 2, 3, 5, 1, worked out by hand from the rows.
        metrics.Add(
            [
                9, 1, 2, 3, 4, 5,    // target 0: first
                0, 9, 8, 2, 1, 0,    // target 3: 9 and 8 (classes 1, 2) are higher → rank 2
                5, 5, 6, 7, 1, 0,    // target 1: 6 and 7 higher; the other 5 ties and does not count → rank 2
                4, 3, 2, 1, 5, 6,    // target 1: 4, 5, 6 higher → rank 3
                0, 1, 2, 3, 4, 5,    // target 0: last → rank 5
                2, 3, 1, 0, 0, 0,    // target 0: 3 higher → rank 1
            ],
            [0, 3, 1, 1, 0, 0],
            meanLoss: 2);

        Assert.Equal(5.0 / 6, metrics.Top1Error, 12);
        Assert.Equal(4.0 / 6, metrics.TopError(2), 12);
        Assert.Equal(2.0 / 6, metrics.TopError(3), 12);
        Assert.Equal(1.0 / 6, metrics.TopError(4), 12);
        Assert.Equal(1.0 / 6, metrics.TopError(5), 12);
        Assert.Equal(0, metrics.TopError(6));
        Assert.Equal(0, metrics.TopError(100));

        var summary = metrics.Summarize([5, 1, 3, 3]);
        Assert.Equal([new TopKError(1, 1 - (1.0 / 6)), new TopKError(3, 1 - (4.0 / 6)), new TopKError(5, 1 - (5.0 / 6))], summary.TopErrors);
        Assert.Equal(2.0 / 6, summary.TopError(3)!.Value, 12);
        Assert.Null(summary.TopError(2));
        Assert.Equal(summary.Top1Error, 1 - summary.Accuracy, 12);
        Assert.Equal([1, 3, 5], metrics.Summarize().TopErrors.Select(e => e.K));
    }

    [Fact]
    public void SavedMetricsRestoreEveryKExactly()
    {
        var metrics = new ClassificationMetrics(4);
        metrics.Add([1, 2, 3, 4, 4, 3, 2, 1, 0, 2, 1, 0], [0, 0, 2], meanLoss: 0.75);

        var restored = ClassificationMetrics.Restore(metrics.Save());
        restored.Add([1, 0, 0, 0], [3], meanLoss: 1.75);

        // Ranks 3, 0, 1, then 1 for the added image: top-1 1/4, top-2 3/4, top-4 all.
        Assert.Equal(1 - (1.0 / 4), restored.Top1Error, 12);
        Assert.Equal(1.0 / 4, restored.TopError(2), 12);
        Assert.Equal(0, restored.TopError(4));
        Assert.Equal(((0.75 * 3) + 1.75) / 4, restored.Loss, 12);
        Assert.Equal([1L, 2L, 0L, 1L], restored.Save().RankCounts);
    }

    [Fact]
    public void AStateWithoutRankCountsIsRefused()
    {
        var state = new MetricsState(1, null!, [[1, 0], [0, 1]]);

        var error = Assert.Throws<System.ArgumentException>(() => ClassificationMetrics.Restore(state));

        Assert.Contains("earlier NetDsl", error.Message);
    }

    [Theory]
    [InlineData(new int[0], "At least one k")]
    [InlineData(new[] { 3, 0 }, "k of 1 or more, not 0")]
    public void TopKListsNeedPositiveKs(int[] ks, string message)
    {
        var error = Assert.Throws<System.ArgumentException>(() => TopK.Normalize(ks));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void TiesFavourTheTarget()
    {
        var metrics = new ClassificationMetrics(2);

        metrics.Add([1, 1], [1], meanLoss: 0);

        Assert.Equal(1.0, metrics.Accuracy);
        Assert.Equal(1, metrics.Confusion[1, 1]);
    }

    [Fact]
    public void ClassWithoutImagesHasNaNAccuracy()
    {
        var matrix = new ConfusionMatrix(3);
        matrix.Add(0, 0);
        matrix.Add(1, 0);

        var perClass = matrix.PerClassAccuracy();

        Assert.Equal(1.0, perClass[0]);
        Assert.Equal(0.0, perClass[1]);
        Assert.True(double.IsNaN(perClass[2]));
        Assert.Equal(0.5, matrix.Accuracy());
    }

    [Fact]
    public void ConfusionMatrixCsvQuotesNames()
    {
        var matrix = new ConfusionMatrix(2);
        matrix.Add(0, 1);
        matrix.Add(1, 1);

        Assert.Equal("actual\\predicted,a,\"b,c\"\na,0,1\n\"b,c\",0,1\n", matrix.ToCsv(["a", "b,c"]));
    }

    [Fact]
    public void MismatchedSizesAreRejected()
    {
        Assert.Throws<System.ArgumentException>(() => new ClassificationMetrics(3).Add([1, 2], [0], 0));
    }
}
