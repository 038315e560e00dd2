using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Runtime.Metrics;
using ScottPlot;
using ScottPlot.MultiplotLayouts;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Lays out the training-curve figure with ScottPlot: loss and accuracy (training and validation) in two tall
/// panels, the accuracy panel with dashed top-k accuracy curves (100 % minus the top-k error, for every k above 1 the
/// run reports, of the validation data or else the training data), and the learning rate in a short one, stacked over one epoch axis (1-based, whole epochs). Every panel has
/// the same fixed margins, so the epoch axes line up and the legends sit in the right margin, off the curves. The
/// best epoch (the last one reported as best) is a dashed line through all three panels and a labelled marker on
/// the curve it was chosen by: validation accuracy, or training loss without validation data.
/// </summary>
internal static class CurveFigure
{
    private static readonly Color Train = Color.FromHex("#1f77b4");
    private static readonly Color Validation = Color.FromHex("#ff7f0e");
    private static readonly Color Best = Color.FromHex("#2ca02c");
    private static readonly Color LearningRate = Color.FromHex("#7f7f7f");

    // ScottPlot takes SkiaSharp's default typeface, which without fontconfig (ScottPlot's SkiaSharp build for Linux has
    // none) is whichever font file comes first: on Debian a serif one. A sans-serif face reads better on a chart.
    private static readonly string Font =
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }.FirstOrDefault(SKFontManager.Default.FontFamilies.Contains) ?? Fonts.Sans;

    // Left: room for tick labels such as "0.0001" and the axis label; right: the legends.
    private static readonly PixelPadding Margins = new(left: 80, right: 150, bottom: 46, top: 34);

    /// <summary>The figure for <paramref name="epochs"/> (which may be empty: the axes are drawn anyway).</summary>
    public static Multiplot Build(IReadOnlyList<EpochReport> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var figure = new Multiplot();
        figure.AddPlots(3);
        var (loss, accuracy, rate) = (figure.GetPlot(0), figure.GetPlot(1), figure.GetPlot(2));
        var grid = new CustomGrid();
        grid.Set(loss, new GridCell(0, 0, 5, 1, rowSpan: 2));
        grid.Set(accuracy, new GridCell(2, 0, 5, 1, rowSpan: 2));
        grid.Set(rate, new GridCell(4, 0, 5, 1));
        figure.Layout = grid;

        var best = epochs.LastOrDefault(e => e.IsBest);
        var hasValidation = epochs.Any(e => e.Validation is not null);

        Panel(loss, "loss", epochs, best);
        Curve(loss, "train", Train, epochs, e => e.Train.Loss);
        Curve(loss, "validation", Validation, epochs, e => e.Validation?.Loss);
        loss.Title(best is null ? "Training curves" : BestCaption(best, hasValidation), size: 14);

        Panel(accuracy, "accuracy (%)", epochs, best);
        Curve(accuracy, "train", Train, epochs, e => 100 * e.Train.Accuracy);
        Curve(accuracy, "validation", Validation, epochs, e => e.Validation is { } v ? 100 * v.Accuracy : null);
        TopKCurves(accuracy, epochs, hasValidation);

        Panel(rate, "learning rate", epochs, best);
        Curve(rate, "learning rate", LearningRate, epochs, e => e.LearningRate);
        rate.XLabel("epoch", size: 13);
        rate.HideLegend();

        if (best is not null)
        {
            var (plot, y) = hasValidation && best.Validation is { } v ? (accuracy, 100 * v.Accuracy) : (loss, best.Train.Loss);
            var marker = plot.Add.Marker(best.Epoch + 1, y, MarkerShape.OpenCircle, 14, Best);
            marker.LineWidth = 2;
        }

        foreach (var plot in new[] { loss, accuracy })
        {
            plot.ShowLegend(Edge.Right);
        }

        return figure;
    }

    private static void Panel(Plot plot, string label, IReadOnlyList<EpochReport> epochs, EpochReport? best)
    {
        plot.Layout.Fixed(Margins);
        plot.Font.Set(Font);
        plot.YLabel(label, size: 13);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, MinorTickGenerator = new EvenlySpacedMinorTickGenerator(1) };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
        var last = epochs.Count == 0 ? 1 : epochs.Max(e => e.Epoch) + 1;
        var first = epochs.Count == 0 ? 1 : epochs.Min(e => e.Epoch) + 1;
        plot.Axes.SetLimitsX(first - 0.5, last + 0.5);
        if (best is not null)
        {
            var line = plot.Add.VerticalLine(best.Epoch + 1, width: 1.5f, color: Best, pattern: LinePattern.Dashed);
            line.LegendText = "best epoch";
            line.EnableAutoscale = false;
        }
    }

    private static ScottPlot.Plottables.Scatter? Curve(Plot plot, string name, Color colour, IReadOnlyList<EpochReport> epochs, Func<EpochReport, double?> value)
    {
        var points = epochs.Select(e => (X: e.Epoch + 1.0, Y: value(e))).Where(p => p.Y is { } y && double.IsFinite(y)).ToList();
        if (points.Count == 0)
        {
            return null;
        }

        var curve = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray(), colour);
        curve.LegendText = name;
        curve.LineWidth = 2;
        curve.MarkerSize = points.Count > 40 ? 0 : 6;
        return curve;
    }

    private static void TopKCurves(Plot plot, IReadOnlyList<EpochReport> epochs, bool hasValidation)
    {
        MetricsSummary? Split(EpochReport e) => hasValidation ? e.Validation : e.Train;
        var ks = epochs.SelectMany(e => Split(e)?.TopErrors ?? []).Select(t => t.K).Where(k => k > 1).Distinct().Order();
        foreach (var k in ks)
        {
            var name = (hasValidation ? "validation" : "train") + " top-" + k.ToString(CultureInfo.InvariantCulture);
            var curve = Curve(plot, name, hasValidation ? Validation : Train, epochs, e => Split(e)?.TopError(k) is { } error ? 100 * (1 - error) : null);
            if (curve is not null)
            {
                curve.LinePattern = LinePattern.Dashed;
                curve.LineWidth = 1.5f;
                curve.MarkerSize = 0;
            }
        }
    }

    /// <summary>Ticks without trailing zeros; small learning rates in scientific notation.</summary>
    private static string Tick(double value) =>
        value != 0 && Math.Abs(value) < 1e-3 ? value.ToString("0.#E+0", CultureInfo.InvariantCulture) : value.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string BestCaption(EpochReport best, bool hasValidation) =>
        hasValidation && best.Validation is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"Best epoch {best.Epoch + 1}: validation accuracy {100 * v.Accuracy:0.00} %, loss {v.Loss:0.0000}")
            : string.Create(CultureInfo.InvariantCulture, $"Best epoch {best.Epoch + 1}: training loss {best.Train.Loss:0.0000}");
}
