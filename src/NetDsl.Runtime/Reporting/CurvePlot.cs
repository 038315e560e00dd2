using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Runtime.IO;
using SkiaSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Draws loss and accuracy curves per epoch (training and validation) and rewrites the picture after every epoch,
/// so it can be opened while training runs: SVG for a <c>.svg</c> path, PNG (SkiaSharp) for a <c>.png</c> path.
/// </summary>
public sealed class CurvePlot : ITrainingObserver
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 280;
    private const int Margin = 44;
    private const int LegendY = 34;
    private static readonly (string Name, string Colour)[] Series = [("train", "#1f77b4"), ("validation", "#ff7f0e")];
    private readonly List<EpochReport> _epochs = [];

    /// <summary>Writes the plot to <paramref name="path"/> (<c>.svg</c> or <c>.png</c>).</summary>
    /// <exception cref="ArgumentException">The extension is neither.</exception>
    public CurvePlot(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".svg" or ".png"))
        {
            throw new ArgumentException($"Curve plots are written as .svg or .png, not '{extension}'.", nameof(path));
        }

        Path = path;
    }

    /// <summary>The picture file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void OnStart(TrainingStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _epochs.Clear();
        _epochs.AddRange(start.History);
    }

    /// <inheritdoc />
    public void OnEpoch(EpochReport epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        _epochs.Add(epoch);
        var picture = Path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? RenderPng(_epochs) : Encoding.UTF8.GetBytes(RenderSvg(_epochs));
        AtomicFile.Write(Path, stream => stream.Write(picture));
    }

    /// <summary>The SVG document for <paramref name="epochs"/>: a loss panel and an accuracy panel.</summary>
    public static string RenderSvg(IReadOnlyList<EpochReport> epochs)
    {
        var f = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(f, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * PanelWidth}\" height=\"{PanelHeight}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        foreach (var item in Layout(epochs))
        {
            switch (item)
            {
                case Line l:
                    svg.Append(f, $"<line x1=\"{l.X1:F1}\" y1=\"{l.Y1:F1}\" x2=\"{l.X2:F1}\" y2=\"{l.Y2:F1}\" stroke=\"black\"/>\n");
                    break;
                case Curve c:
                    svg.Append(f, $"<polyline fill=\"none\" stroke=\"{c.Colour}\" stroke-width=\"2\" points=\"{string.Join(' ', c.Points.Select(p => string.Create(f, $"{p.X:F1},{p.Y:F1}")))}\"><title>{c.Name}</title></polyline>\n");
                    break;
                case Label t:
                    var anchor = t.Align switch { SKTextAlign.Left => "start", SKTextAlign.Right => "end", _ => "middle" };
                    svg.Append(f, $"<text x=\"{t.X:F1}\" y=\"{t.Y:F1}\" text-anchor=\"{anchor}\" fill=\"{t.Colour}\">{t.Text}</text>\n");
                    break;
            }
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The same picture as a PNG image.</summary>
    public static byte[] RenderPng(IReadOnlyList<EpochReport> epochs)
    {
        using var surface = SKSurface.Create(new SKImageInfo(2 * PanelWidth, PanelHeight));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = SKColors.Black };
        using var text = new SKPaint { IsAntialias = true, TextSize = 11 };
        foreach (var item in Layout(epochs))
        {
            switch (item)
            {
                case Line l:
                    stroke.Color = SKColors.Black;
                    stroke.StrokeWidth = 1;
                    canvas.DrawLine((float)l.X1, (float)l.Y1, (float)l.X2, (float)l.Y2, stroke);
                    break;
                case Curve c:
                    stroke.Color = SKColor.Parse(c.Colour);
                    stroke.StrokeWidth = 2;
                    using (var path = new SKPath())
                    {
                        path.AddPoly([.. c.Points.Select(p => new SKPoint((float)p.X, (float)p.Y))], close: false);
                        canvas.DrawPath(path, stroke);
                    }

                    break;
                case Label t:
                    text.Color = SKColor.Parse(t.Colour);
                    text.TextAlign = t.Align;
                    canvas.DrawText(t.Text, (float)t.X, (float)t.Y, text);
                    break;
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static List<object> Layout(IReadOnlyList<EpochReport> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var items = new List<object>();
        Panel(items, 0, "loss", epochs, [e => e.Train.Loss, e => e.Validation?.Loss]);
        Panel(items, PanelWidth, "accuracy", epochs, [e => e.Train.Accuracy, e => e.Validation?.Accuracy]);
        return items;
    }

    private static void Panel(List<object> items, int left, string title, IReadOnlyList<EpochReport> epochs, Func<EpochReport, double?>[] series)
    {
        var values = series.SelectMany(s => epochs.Select(s)).OfType<double>().Where(double.IsFinite).ToList();
        var low = values.Count == 0 ? 0 : values.Min();
        var high = values.Count == 0 ? 1 : values.Max();
        if (high - low < 1e-12)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        var lastEpoch = Math.Max(1, epochs.Count == 0 ? 1 : epochs.Max(e => e.Epoch));
        double X(int epoch) => left + Margin + ((PanelWidth - (2 * Margin)) * (double)epoch / lastEpoch);
        double Y(double value) => PanelHeight - Margin - ((PanelHeight - (2 * Margin)) * (value - low) / (high - low));
        var f = CultureInfo.InvariantCulture;
        items.Add(new Label(left + (PanelWidth / 2.0), 18, title, SKTextAlign.Center, "#000000"));
        items.Add(new Line(left + Margin, PanelHeight - Margin, left + PanelWidth - Margin, PanelHeight - Margin));
        items.Add(new Line(left + Margin, Margin, left + Margin, PanelHeight - Margin));
        items.Add(new Label(left + Margin - 4, Margin + 4, high.ToString("G4", f), SKTextAlign.Right, "#000000"));
        items.Add(new Label(left + Margin - 4, PanelHeight - Margin + 4, low.ToString("G4", f), SKTextAlign.Right, "#000000"));
        items.Add(new Label(left + (PanelWidth / 2.0), PanelHeight - 12, "epoch", SKTextAlign.Center, "#000000"));
        if (epochs.Count > 0)
        {
            var first = epochs.Min(e => e.Epoch);
            items.Add(new Label(X(first), PanelHeight - Margin + 14, (first + 1).ToString(f), SKTextAlign.Center, "#000000"));
            var last = epochs.Max(e => e.Epoch);
            if (last > first)
            {
                items.Add(new Label(X(last), PanelHeight - Margin + 14, (last + 1).ToString(f), SKTextAlign.Center, "#000000"));
            }
        }
        for (var s = 0; s < series.Length; s++)
        {
            var points = epochs.Where(e => series[s](e) is { } v && double.IsFinite(v)).Select(e => (X(e.Epoch), Y(series[s](e)!.Value))).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            items.Add(new Curve(Series[s].Name, Series[s].Colour, points));
            // The legend sits between the title and the plot, "train" left of the centre and "validation" right of
            // it, where no curve can run under it.
            var centre = left + (PanelWidth / 2.0);
            items.Add(new Label(s == 0 ? centre - 6 : centre + 6, LegendY, Series[s].Name, s == 0 ? SKTextAlign.Right : SKTextAlign.Left, Series[s].Colour));
        }
    }

    private sealed record Line(double X1, double Y1, double X2, double Y2);

    private sealed record Curve(string Name, string Colour, List<(double X, double Y)> Points);

    private sealed record Label(double X, double Y, string Text, SKTextAlign Align, string Colour);
}
