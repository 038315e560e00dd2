using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Runtime.IO;
using SkiaSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Draws loss and accuracy curves per epoch (training and validation) and the top-k errors the run reports
/// (validation, or training without validation data), and rewrites the picture after every epoch, so it can be
/// opened while training runs: SVG for a <c>.svg</c> path, PNG (SkiaSharp) for a <c>.png</c> path.
/// </summary>
public sealed class CurvePlot : ITrainingObserver
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 280;
    private const int Margin = 44;
    private const int LegendY = 34;
    private const int Panels = 3;
    private const string TrainColour = "#1f77b4";
    private const string ValidationColour = "#ff7f0e";
    private static readonly string[] TopKColours = ["#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];
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
        svg.Append(f, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Panels * PanelWidth}\" height=\"{PanelHeight}\" font-family=\"sans-serif\" font-size=\"11\">\n");
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
        using var surface = SKSurface.Create(new SKImageInfo(Panels * PanelWidth, PanelHeight));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = SKColors.Black };
        using var text = new SKPaint { IsAntialias = true };
        using var font = new SKFont { Size = 11 };
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
                    canvas.DrawText(t.Text, (float)t.X, (float)t.Y, t.Align, font, text);
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
        Panel(items, 0, "loss", epochs, [new("train", TrainColour, e => e.Train.Loss), new("validation", ValidationColour, e => e.Validation?.Loss)]);
        Panel(items, PanelWidth, "accuracy", epochs, [new("train", TrainColour, e => e.Train.Accuracy), new("validation", ValidationColour, e => e.Validation?.Accuracy)]);
        var validation = epochs.Any(e => e.Validation is not null);
        var ks = epochs.SelectMany(e => (validation ? e.Validation : e.Train)?.TopErrors ?? []).Select(t => t.K).Distinct().Order().ToList();
        Panel(items, 2 * PanelWidth, validation ? "validation top-k error" : "training top-k error", epochs, [.. ks.Select((k, i) =>
            new Series($"top-{k}", TopKColours[i % TopKColours.Length], e => (validation ? e.Validation : e.Train)?.TopError(k)))]);
        return items;
    }

    private static void Panel(List<object> items, int left, string title, IReadOnlyList<EpochReport> epochs, Series[] series)
    {
        var values = series.SelectMany(s => epochs.Select(s.Value)).OfType<double>().Where(double.IsFinite).ToList();
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
        // The legend sits in one row between the title and the plot, centred, where no curve can run under it.
        var drawn = series.Select(s => (s.Name, s.Colour, Points: epochs.Where(e => s.Value(e) is { } v && double.IsFinite(v)).Select(e => (X(e.Epoch), Y(s.Value(e)!.Value))).ToList()))
            .Where(s => s.Points.Count > 0).ToList();
        var legendX = left + (PanelWidth / 2.0) - (drawn.Sum(s => LegendWidth(s.Name)) / 2);
        foreach (var (name, colour, points) in drawn)
        {
            items.Add(new Curve(name, colour, points));
            items.Add(new Label(legendX, LegendY, name, SKTextAlign.Left, colour));
            legendX += LegendWidth(name);
        }
    }

    /// <summary>The room a legend entry takes: about 6 pixels a character at 11 pixels, and a gap.</summary>
    private static double LegendWidth(string name) => (6 * name.Length) + 14;

    private sealed record Series(string Name, string Colour, Func<EpochReport, double?> Value);

    private sealed record Line(double X1, double Y1, double X2, double Y2);

    private sealed record Curve(string Name, string Colour, List<(double X, double Y)> Points);

    private sealed record Label(double X, double Y, string Text, SKTextAlign Align, string Colour);
}
