using System.Linq;
using NetDsl.Runtime.Reporting;
using SkiaSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Reporting;

public sealed class RunComparisonTests
{
    private static RunHistory Run(string label, params (double Train, double? Validation)[] accuracies) => new(
        label,
        [.. accuracies.Select((a, e) => new EpochReport(
            e, ReportFactory.Summary(1, a.Train), a.Validation is { } v ? ReportFactory.Summary(0.5, v) : null, 0.1, 30, 400, 0, false, null))]);

    [Fact]
    public void TheTableHasEachRunsFinalAndBestFigures()
    {
        var table = RunComparison.Table([Run("plain-20", (0.5, 0.6), (0.7, 0.8), (0.8, 0.75)), Run("resnet-20", (0.6, null), (0.9, null))]).ToString();

        Assert.Equal(
            "| run       | epochs | wall time | final train top-1 | final val loss | final val top-1 | final val top-3 | final val top-5 | best val top-1 (epoch) |\n" +
            "| --------- | -----: | --------: | ----------------: | -------------: | --------------: | --------------: | --------------: | ---------------------: |\n" +
            "| plain-20  |      3 |      90 s |           20.00 % |         0.5000 |         25.00 % |          2.00 % |          1.00 % |            20.00 % (2) |\n" +
            "| resnet-20 |      2 |      60 s |           10.00 % |                |                 |                 |                 |                        |\n",
            table);
    }

    [Fact]
    public void DurationsReadAsSecondsThenMinutes()
    {
        Assert.Equal(("45 s", "2.5 min"), (RunComparison.Duration(45.2), RunComparison.Duration(150)));
    }

    [Fact]
    public void MarkdownCellsAreEscapedAndRowsMustFit()
    {
        var table = new MarkdownTable(("a", false), ("b", true));
        table.Add("x|y", "1");

        Assert.Equal("| a    |   b |\n| ---- | --: |\n| x\\|y |   1 |\n", table.ToString());
        Assert.Throws<System.ArgumentException>(() => table.Add("only one"));
    }

    [Fact]
    public void ThePictureDrawsEveryRunInBothPanels()
    {
        var runs = new[] { Run("a", (0.5, 0.6), (0.7, 0.8)), Run("b", (0.4, 0.5), (0.6, 0.7)) };

        using var bitmap = SKBitmap.Decode(RunComparisonPlot.RenderPng(runs));

        Assert.Equal((RunComparisonPlot.Width, RunComparisonPlot.Height), (bitmap.Width, bitmap.Height));
        var half = bitmap.Width / 2;
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var colour in new[] { palette.GetColor(0), palette.GetColor(1) })
        {
            var skia = new SKColor(colour.R, colour.G, colour.B);
            Assert.True(Has(bitmap, 0, half, skia), $"the training panel has no pixel of {skia}");
            Assert.True(Has(bitmap, half, bitmap.Width, skia), $"the validation panel has no pixel of {skia}");
        }
    }

    [Fact]
    public void ThePictureIsWrittenAsPngOrSvgOnly()
    {
        using var dir = new TempDirectory();
        var runs = new[] { Run("a", (0.5, 0.6)) };

        RunComparisonPlot.Write(dir.File("out/curves.svg"), runs, k: 5, axis: ComparisonAxis.WallTime);

        var svg = System.IO.File.ReadAllText(dir.File("out/curves.svg"));
        Assert.Contains("<svg", svg);
        Assert.Throws<System.ArgumentException>(() => RunComparisonPlot.Write(dir.File("curves.jpg"), runs));
    }

    private static bool Has(SKBitmap bitmap, int from, int to, SKColor colour)
    {
        for (var x = from; x < to; x++)
        {
            for (var y = 0; y < bitmap.Height; y++)
            {
                if (bitmap.GetPixel(x, y) == colour)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
