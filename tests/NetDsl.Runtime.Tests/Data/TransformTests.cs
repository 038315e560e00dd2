using System;
using System.Linq;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class TransformTests
{
    private static readonly ImageShape Grey2x3 = new(1, 2, 3);

    [Fact]
    public void HorizontalFlipMirrorsEachRow()
    {
        var output = new float[6];

        new HorizontalFlip(Probability: 1).Apply([1, 2, 3, 4, 5, 6], Grey2x3, output, new Random(0));

        Assert.Equal([3, 2, 1, 6, 5, 4], output);
    }

    public static TheoryData<IImageTransform> NeverApplied => new() { new HorizontalFlip(Probability: 0), new RandomErasing(Probability: 0) };

    [Theory]
    [MemberData(nameof(NeverApplied))]
    public void RandomTransformWithZeroProbabilityCopies(IImageTransform transform)
    {
        var output = new float[6];

        transform.Apply([1, 2, 3, 4, 5, 6], Grey2x3, output, new Random(0));

        Assert.Equal([1, 2, 3, 4, 5, 6], output);
    }

    [Fact]
    public void RandomCropWithPaddingKeepsSizeAndShiftsByAtMostThePadding()
    {
        var crop = new RandomCrop(2, 3, Padding: 1);
        float[] input = [1, 2, 3, 4, 5, 6];
        var seen = new System.Collections.Generic.HashSet<string>();
        for (var seed = 0; seed < 200; seed++)
        {
            var output = new float[6];
            crop.Apply(input, Grey2x3, output, new Random(seed));
            seen.Add(string.Join(",", output));
        }

        Assert.Equal(Grey2x3, crop.OutputShape(Grey2x3));
        Assert.Equal(9, seen.Count);
        Assert.Contains("1,2,3,4,5,6", seen);
        Assert.Contains("0,0,0,0,1,2", seen);
        Assert.Contains("5,6,0,0,0,0", seen);
    }

    [Fact]
    public void NormalizeIsPerChannel()
    {
        var output = new float[4];

        new Normalize([0.5f, 1f], [0.5f, 2f]).Apply([1, 0, 3, 5], new ImageShape(2, 1, 2), output, new Random(0));

        Assert.Equal([1, -1, 1, 2], output);
    }

    [Fact]
    public void NormalizeChecksTheChannelCount()
    {
        Assert.Throws<ArgumentException>(() => new Normalize([0.5f], [0.2f]).OutputShape(new ImageShape(3, 4, 4)));
    }

    [Fact]
    public void PadToCentresTheImage()
    {
        var output = new float[16];

        new PadTo(4, 4).Apply([1, 2, 3, 4], new ImageShape(1, 2, 2), output, new Random(0));

        Assert.Equal([0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0], output);
    }

    [Fact]
    public void ResizeUpsamplesBilinearlyWithHalfPixelCentres()
    {
        var output = new float[4];

        new Resize(1, 4).Apply([0, 4], new ImageShape(1, 1, 2), output, new Random(0));

        // PyTorch: F.interpolate(tensor([[[[0., 4.]]]]), size=(1, 4), mode='bilinear') == [0, 1, 3, 4]
        Assert.Equal([0, 1, 3, 4], output);
    }

    [Fact]
    public void GreyToRgbRepeatsTheChannel()
    {
        var output = new float[6];

        new GreyToRgb().Apply([7, 8], new ImageShape(1, 1, 2), output, new Random(0));

        Assert.Equal([7, 8, 7, 8, 7, 8], output);
    }

    [Fact]
    public void PipelineScalesPixelsAndChecksShapesUpFront()
    {
        var pipeline = new ImagePipeline(new ImageShape(1, 2, 2), new PadTo(4, 4), new GreyToRgb());
        var output = new float[pipeline.OutputShape.Size];

        pipeline.Apply([255, 0, 0, 51], output, new Random(0));

        Assert.Equal(new ImageShape(3, 4, 4), pipeline.OutputShape);
        Assert.Equal(1f, output[5]);
        Assert.Equal(0.2f, output[16 + 10], 6);
        Assert.Throws<ArgumentException>(() => new ImagePipeline(new ImageShape(3, 2, 2), new GreyToRgb()));
    }

    [Fact]
    public void RandomErasingSetsOneRectangleOfEveryChannelToTheValue()
    {
        var shape = new ImageShape(2, 28, 28);
        var input = new float[shape.Size];
        Array.Fill(input, 1f);
        var places = new System.Collections.Generic.HashSet<(int, int, int, int)>();
        for (var seed = 0; seed < 200; seed++)
        {
            var output = new float[shape.Size];
            new RandomErasing(Probability: 1, Value: -2f).Apply(input, shape, output, new Random(seed));

            var erased = Enumerable.Range(0, 28 * 28).Where(i => output[i] == -2f).ToArray();
            Assert.All(output, v => Assert.True(v is 1f or -2f));
            Assert.NotEmpty(erased);
            var (top, bottom) = (erased.Min() / 28, erased.Max() / 28);
            var (left, right) = (erased.Min(i => i % 28), erased.Max(i => i % 28));
            Assert.Equal((bottom - top + 1) * (right - left + 1), erased.Length);
            Assert.InRange(erased.Length / 784.0, 0.01, 0.45);
            Assert.Equal(output[..784], output[784..]);
            places.Add((top, bottom, left, right));
        }

        Assert.True(places.Count > 150, $"only {places.Count} different rectangles in 200 draws");
    }

    [Theory]
    [InlineData(1.5, 0.02, 0.4, 0.3)]
    [InlineData(0.5, 0, 0.4, 0.3)]
    [InlineData(0.5, 0.5, 0.4, 0.3)]
    [InlineData(0.5, 0.02, 0.4, 3)]
    public void RandomErasingRefusesSettingsOutsideTheirRanges(double probability, double minArea, double maxArea, double minAspect)
    {
        var error = Assert.Throws<ArgumentException>(() => new ImagePipeline(Grey2x3, new RandomErasing(probability, minArea, maxArea, minAspect)));

        Assert.Contains("RandomErasing needs", error.Message, StringComparison.Ordinal);
    }
}
