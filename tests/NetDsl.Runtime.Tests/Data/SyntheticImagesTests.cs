using System;
using System.Linq;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class SyntheticImagesTests
{
    private static readonly ImageShape Shape = new(3, 16, 16);

    [Fact]
    public void TheSameSeedsMakeTheSameSetAndTheClassesTakeTurns()
    {
        var first = SyntheticImages.Create(Shape, 40, 4, seed: 1);
        var second = SyntheticImages.Create(Shape, 40, 4, seed: 1);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i % 4), Enumerable.Range(0, 40).Select(first.Label));
        Assert.True(Enumerable.Range(0, 40).All(i => first.Pixels(i).SequenceEqual(second.Pixels(i))));
        Assert.Equal(["class0", "class1", "class2", "class3"], first.ClassNames);
    }

    [Fact]
    public void ImagesOfAClassAreCloserToEachOtherThanToOtherClassesAcrossSplits()
    {
        var train = SyntheticImages.Create(Shape, 20, 2, seed: 1);
        var test = SyntheticImages.Create(Shape, 20, 2, seed: 2);

        // Image 0 of the test split is of class 0; train images 0 and 1 are of classes 0 and 1.
        Assert.True(Distance(test.Pixels(0), train.Pixels(0)) < 0.8 * Distance(test.Pixels(0), train.Pixels(1)));
    }

    [Fact]
    public void MeanAndStdAreTheDocumentedOnes()
    {
        var set = SyntheticImages.Create(Shape, 200, 10, seed: 3);
        var values = Enumerable.Range(0, set.Count).SelectMany(i => set.Pixels(i).ToArray()).Select(v => v / 255.0).ToArray();
        var mean = values.Average();
        var std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());

        Assert.Equal(SyntheticImages.Mean, mean, 0.01);
        Assert.Equal(SyntheticImages.Std, std, 0.01);
    }

    private static double Distance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return Math.Sqrt(sum);
    }
}
