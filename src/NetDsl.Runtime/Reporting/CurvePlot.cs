using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Draws loss and accuracy curves per epoch (training and validation) as an SVG file, rewritten after every epoch
/// so it can be opened while training runs. SVG needs no native drawing library.
/// </summary>
public sealed class CurvePlot : ITrainingObserver
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 280;
    private const int Margin = 44;
    private readonly List<EpochReport> _epochs = [];

    /// <summary>Writes the plot to <paramref name="path"/> (a <c>.svg</c> file).</summary>
    public CurvePlot(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
    }

    /// <summary>The SVG file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void OnStart(TrainingStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _epochs.Clear();
        _epochs.AddRange(start.History);
    }

    /// <inheritdoc />
    public void OnBatch(BatchReport batch)
    {
    }

    /// <inheritdoc />
    public void OnEpoch(EpochReport epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        _epochs.Add(epoch);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(Path, Render(_epochs));
    }

    /// <inheritdoc />
    public void OnEnd(TrainingResult result)
    {
    }

    /// <summary>The SVG document for <paramref name="epochs"/>: a loss panel and an accuracy panel.</summary>
    public static string Render(IReadOnlyList<EpochReport> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * PanelWidth}\" height=\"{PanelHeight}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        Panel(svg, 0, "loss", epochs, [("train", "#1f77b4", e => e.Train.Loss), ("validation", "#ff7f0e", e => e.Validation?.Loss)]);
        Panel(svg, PanelWidth, "accuracy", epochs, [("train", "#1f77b4", e => e.Train.Accuracy), ("validation", "#ff7f0e", e => e.Validation?.Accuracy)]);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int left, string title, IReadOnlyList<EpochReport> epochs, (string Name, string Colour, Func<EpochReport, double?> Value)[] series)
    {
        var values = series.SelectMany(s => epochs.Select(s.Value)).Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).ToList();
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
        svg.Append(f, $"<text x=\"{left + (PanelWidth / 2)}\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">{title}</text>\n");
        svg.Append(f, $"<line x1=\"{left + Margin}\" y1=\"{PanelHeight - Margin}\" x2=\"{left + PanelWidth - Margin}\" y2=\"{PanelHeight - Margin}\" stroke=\"black\"/>\n");
        svg.Append(f, $"<line x1=\"{left + Margin}\" y1=\"{Margin}\" x2=\"{left + Margin}\" y2=\"{PanelHeight - Margin}\" stroke=\"black\"/>\n");
        svg.Append(f, $"<text x=\"{left + Margin - 4}\" y=\"{Margin + 4}\" text-anchor=\"end\">{high:G4}</text>\n");
        svg.Append(f, $"<text x=\"{left + Margin - 4}\" y=\"{PanelHeight - Margin + 4}\" text-anchor=\"end\">{low:G4}</text>\n");
        svg.Append(f, $"<text x=\"{left + (PanelWidth / 2)}\" y=\"{PanelHeight - 12}\" text-anchor=\"middle\">epoch</text>\n");
        for (var s = 0; s < series.Length; s++)
        {
            var points = epochs.Where(e => series[s].Value(e) is { } v && double.IsFinite(v))
                .Select(e => string.Create(f, $"{X(e.Epoch):F1},{Y(series[s].Value(e)!.Value):F1}")).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            svg.Append(f, $"<polyline fill=\"none\" stroke=\"{series[s].Colour}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"><title>{series[s].Name}</title></polyline>\n");
            svg.Append(f, $"<text x=\"{left + PanelWidth - Margin}\" y=\"{Margin + (14 * s)}\" text-anchor=\"end\" fill=\"{series[s].Colour}\">{series[s].Name}</text>\n");
        }
    }
}
