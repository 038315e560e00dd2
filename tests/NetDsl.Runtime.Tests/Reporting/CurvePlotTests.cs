using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NetDsl.Runtime.Reporting;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Reporting;

public sealed class CurvePlotTests
{
    [Fact]
    public void LossAccuracyAndLearningRateHaveAPanelEachOverOneEpochAxis()
    {
        var figure = CurveFigure.Build(Run(epochs: 5, bestEpoch: 3, withValidation: true));

        var (loss, accuracy, rate) = (figure.GetPlot(0), figure.GetPlot(1), figure.GetPlot(2));
        Assert.Equal(["train", "validation"], Curves(loss).Select(c => c.LegendText));
        Assert.Equal(["train", "validation", "validation top-3", "validation top-5"], Curves(accuracy).Select(c => c.LegendText));
        Assert.Equal(["learning rate"], Curves(rate).Select(c => c.LegendText));
        Assert.Equal([1.0, 2, 3, 4, 5], Curves(loss)[0].Data.GetScatterPoints().Select(p => p.X));
        Assert.Equal(0.25 * 100, Curves(accuracy)[0].Data.GetScatterPoints()[0].Y, 9);
        foreach (var plot in new[] { loss, accuracy, rate })
        {
            Assert.Equal((0.5, 5.5), (plot.Axes.Bottom.Min, plot.Axes.Bottom.Max));
            Assert.Equal(4.0, Assert.Single(plot.GetPlottables<VerticalLine>()).X);
        }
    }

    [Fact]
    public void TopKAccuracyIsDashedBesideTopOneFromTheValidationDataOrElseTheTrainingData()
    {
        var withValidation = Curves(CurveFigure.Build(Run(epochs: 2, bestEpoch: 1, withValidation: true)).GetPlot(1));
        var trainOnly = Curves(CurveFigure.Build(Run(epochs: 2, bestEpoch: 1, withValidation: false)).GetPlot(1));

        var top5 = withValidation.Single(c => c.LegendText == "validation top-5");
        Assert.Equal(LinePattern.Dashed, top5.LinePattern);
        Assert.Equal([99.0, 99.0], top5.Data.GetScatterPoints().Select(p => Math.Round(p.Y, 9)));
        Assert.Equal(LinePattern.Solid, withValidation.Single(c => c.LegendText == "validation").LinePattern);
        Assert.Equal(["train", "train top-3", "train top-5"], trainOnly.Select(c => c.LegendText));
    }

    [Fact]
    public void TheBestEpochIsMarkedOnValidationAccuracyAndNamedInTheTitle()
    {
        var figure = CurveFigure.Build(Run(epochs: 5, bestEpoch: 3, withValidation: true));

        var marker = Assert.Single(figure.GetPlot(1).GetPlottables<Marker>());
        Assert.Equal((4.0, 100 * Accuracy(3) - 5), (marker.Location.X, Math.Round(marker.Location.Y, 6)));
        Assert.StartsWith("Best epoch 4: validation accuracy", figure.GetPlot(0).Axes.Title.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutValidationDataTheBestEpochIsMarkedOnTheTrainingLoss()
    {
        var figure = CurveFigure.Build(Run(epochs: 3, bestEpoch: 2, withValidation: false));

        Assert.Equal(["train"], Curves(figure.GetPlot(0)).Select(c => c.LegendText));
        var marker = Assert.Single(figure.GetPlot(0).GetPlottables<Marker>());
        Assert.Equal(3.0, marker.Location.X);
        Assert.Empty(figure.GetPlot(1).GetPlottables<Marker>());
    }

    [Fact]
    public void NonFiniteValuesAreLeftOutOfTheCurves()
    {
        var epochs = Run(epochs: 3, bestEpoch: 0, withValidation: false).ToList();
        epochs[2] = epochs[2] with { Train = epochs[2].Train with { Loss = double.NaN } };

        var trainLoss = Curves(CurveFigure.Build(epochs).GetPlot(0))[0];

        Assert.Equal([1.0, 2], trainLoss.Data.GetScatterPoints().Select(p => p.X));
    }

    [Fact]
    public void EpochsFromBeforeAResumeArePlottedToo()
    {
        using var dir = new TempDirectory();
        var plot = new CurvePlot(dir.File("curves.png"));
        var history = Run(epochs: 2, bestEpoch: 1, withValidation: true);
        plot.OnStart(ReportFactory.Start(2) with { History = history });
        plot.OnEpoch(Epoch(2, best: false, withValidation: true));

        Assert.True(File.Exists(plot.Path));
        Assert.Equal([1.0, 2, 3], Curves(CurveFigure.Build([.. history, Epoch(2, best: false, withValidation: true)]).GetPlot(0))[0].Data.GetScatterPoints().Select(p => p.X));
    }

    [Fact]
    public void WritesAPngWithEveryCurveDrawnAndAWhiteBackground()
    {
        using var dir = new TempDirectory();
        var plot = new CurvePlot(dir.File("plots/curves.png"));
        plot.OnStart(ReportFactory.Start(0));
        foreach (var epoch in Run(epochs: 4, bestEpoch: 2, withValidation: true))
        {
            plot.OnEpoch(epoch);
        }

        using var bitmap = SKBitmap.Decode(plot.Path);

        Assert.Equal((CurvePlot.Width, CurvePlot.Height), (bitmap.Width, bitmap.Height));
        Assert.Equal(SKColors.White, bitmap.GetPixel(2, 2));
        var colours = Enumerable.Range(0, bitmap.Width).SelectMany(x => Enumerable.Range(0, bitmap.Height).Select(y => bitmap.GetPixel(x, y))).ToHashSet();
        foreach (var curve in new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#7f7f7f" })
        {
            Assert.Contains(SKColor.Parse(curve), colours);
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(plot.Path)!, ".*"));
    }

    [Fact]
    public void WritesAnSvgWithTheAxisLabelsAsText()
    {
        using var dir = new TempDirectory();
        var plot = new CurvePlot(dir.File("curves.svg"));
        plot.OnStart(ReportFactory.Start(0));
        plot.OnEpoch(Epoch(0, best: true, withValidation: true));
        plot.OnEpoch(Epoch(1, best: false, withValidation: true));

        var svg = XDocument.Load(plot.Path);

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        foreach (var label in new[] { "loss", "accuracy (%)", "learning rate", "epoch", "train", "validation", "best epoch" })
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OtherExtensionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new CurvePlot("curves.jpg"));
    }

    private static List<Scatter> Curves(Plot plot) => plot.GetPlottables<Scatter>().ToList();

    private static double Accuracy(int epoch) => 0.25 + (0.15 * epoch);

    private static EpochReport Epoch(int epoch, bool best, bool withValidation) =>
        ReportFactory.Epoch(epoch, 2.0 / (epoch + 1), Accuracy(epoch), withValidation) with { IsBest = best, LearningRate = 0.1 * (1 - (epoch / 10.0)) };

    /// <summary><paramref name="epochs"/> epochs whose best so far rises until <paramref name="bestEpoch"/>.</summary>
    private static IReadOnlyList<EpochReport> Run(int epochs, int bestEpoch, bool withValidation) =>
        Enumerable.Range(0, epochs).Select(e => Epoch(e, e <= bestEpoch, withValidation)).ToList();
}
