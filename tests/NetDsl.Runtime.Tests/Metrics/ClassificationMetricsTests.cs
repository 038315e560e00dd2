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
        Assert.Equal(0, metrics.Top5Error);
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
        Assert.Equal(1.0 / 3, metrics.Top5Error, 12);
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
