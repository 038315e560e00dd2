using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.IO;
using ScottPlot;
using ScottPlot.MultiplotLayouts;
using SkiaSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Draws several runs' top-k error with ScottPlot, training error on the left and validation error on the right,
/// against the epoch or the wall time: how the papers show that one network trains better or faster than another.
/// One colour per run in both panels; the legend sits right of the validation panel, off the curves.
/// </summary>
public static class RunComparisonPlot
{
    /// <summary>The picture's width in pixels.</summary>
    public const int Width = 1280;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 520;

    private const int LegendRoom = 190;
    private const int Columns = 256;
    private static readonly PixelPadding TrainMargins = new(left: 70, right: 20, bottom: 50, top: 40);
    private static readonly PixelPadding ValidationMargins = new(left: 70, right: LegendRoom, bottom: 50, top: 40);

    /// <summary>Writes the picture to <paramref name="path"/> atomically: PNG for <c>.png</c>, SVG for <c>.svg</c>.</summary>
    /// <exception cref="ArgumentException">The extension is neither.</exception>
    public static void Write(string path, IReadOnlyList<RunHistory> runs, int k = 1, ComparisonAxis axis = ComparisonAxis.Epoch)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var bytes = extension switch
        {
            ".png" => RenderPng(runs, k, axis),
            ".svg" => RenderSvg(runs, k, axis),
            _ => throw new ArgumentException($"Comparison plots are written as .png or .svg, not '{extension}'.", nameof(path)),
        };
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The picture as a PNG image.</summary>
    public static byte[] RenderPng(IReadOnlyList<RunHistory> runs, int k = 1, ComparisonAxis axis = ComparisonAxis.Epoch)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        surface.Canvas.Clear(SKColors.White);
        Render(surface.Canvas, runs, k, axis);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The picture as an SVG document (UTF-8).</summary>
    public static byte[] RenderSvg(IReadOnlyList<RunHistory> runs, int k = 1, ComparisonAxis axis = ComparisonAxis.Epoch)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
        {
            Render(canvas, runs, k, axis);
        }

        return stream.ToArray();
    }

    private static void Render(SKCanvas canvas, IReadOnlyList<RunHistory> runs, int k, ComparisonAxis axis)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var figure = new Multiplot();
        figure.AddPlots(2);
        var (train, validation) = (figure.GetPlot(0), figure.GetPlot(1));
        Panel(train, $"training top-{k} error", axis, TrainMargins);
        Panel(validation, $"validation top-{k} error", axis, ValidationMargins);
        var palette = new ScottPlot.Palettes.Category10();
        for (var r = 0; r < runs.Count; r++)
        {
            var colour = palette.GetColor(r);
            var x = X(runs[r].Epochs, axis);
            Curve(train, runs[r].Label, colour, x, runs[r].Epochs.Select(e => e.Train.TopError(k)));
            Curve(validation, runs[r].Label, colour, x, runs[r].Epochs.Select(e => e.Validation?.TopError(k)));
        }

        train.HideLegend();
        validation.ShowLegend(Edge.Right);

        // Two cells of a grid of Columns columns, split so that both data areas are equally wide.
        var trainWidth = (Width + TrainMargins.Left + TrainMargins.Right - ValidationMargins.Left - ValidationMargins.Right) / 2.0;
        var split = (int)Math.Round(Columns * trainWidth / Width);
        var grid = new CustomGrid();
        grid.Set(train, new GridCell(0, 0, 1, Columns, colSpan: split));
        grid.Set(validation, new GridCell(0, split, 1, Columns, colSpan: Columns - split));
        figure.Layout = grid;
        figure.Render(canvas, new PixelRect(0, Width, Height, 0));
    }

    private static void Panel(Plot plot, string title, ComparisonAxis axis, PixelPadding margins)
    {
        plot.Layout.Fixed(margins);
        plot.Font.Set(PlotFont.Sans);
        plot.Title(title, size: 15);
        plot.YLabel("error (%)", size: 13);
        plot.XLabel(axis == ComparisonAxis.Epoch ? "epoch" : "wall time (minutes)", size: 13);
        if (axis == ComparisonAxis.Epoch)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }
    }

    /// <summary>Where each epoch's point goes: its number, or the minutes of wall time at its end.</summary>
    private static double[] X(IReadOnlyList<EpochReport> epochs, ComparisonAxis axis)
    {
        var elapsed = 0.0;
        return [.. epochs.Select(e => axis == ComparisonAxis.Epoch ? e.Epoch + 1.0 : (elapsed += e.Seconds) / 60)];
    }

    private static void Curve(Plot plot, string label, Color colour, double[] x, IEnumerable<double?> errors)
    {
        var points = x.Zip(errors).Where(p => p.Second is { } v && double.IsFinite(v)).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var curve = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => 100 * p.Second!.Value).ToArray(), colour);
        curve.LegendText = label;
        curve.LineWidth = 2;
        curve.MarkerSize = points.Count > 40 ? 0 : 5;
    }
}
