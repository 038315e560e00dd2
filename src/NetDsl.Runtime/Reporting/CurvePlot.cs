using System;
using System.Collections.Generic;
using System.IO;
using NetDsl.Runtime.IO;
using ScottPlot;
using SkiaSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Plots the training curves per epoch — loss, accuracy and the learning rate, one panel each over a shared epoch
/// axis, with the best epoch marked — and rewrites the picture after every epoch, so it can be opened while training
/// runs: PNG for a <c>.png</c> path, SVG for a <c>.svg</c> path. Drawn with ScottPlot (<see cref="CurveFigure"/>);
/// the file is replaced atomically, so a viewer never reads half a picture.
/// </summary>
public sealed class CurvePlot : ITrainingObserver
{
    /// <summary>The picture's width in pixels.</summary>
    public const int Width = 900;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 820;

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
        var bytes = Path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? RenderPng(_epochs) : RenderSvg(_epochs);
        AtomicFile.Write(Path, stream => stream.Write(bytes));
    }

    /// <summary>The figure for <paramref name="epochs"/> as a PNG image.</summary>
    public static byte[] RenderPng(IReadOnlyList<EpochReport> epochs)
    {
        var figure = CurveFigure.Build(epochs);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        figure.Render(surface.Canvas, new PixelRect(0, Width, Height, 0));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The same figure as an SVG document (UTF-8).</summary>
    public static byte[] RenderSvg(IReadOnlyList<EpochReport> epochs)
    {
        var figure = CurveFigure.Build(epochs);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
        {
            figure.Render(canvas, new PixelRect(0, Width, Height, 0));
        }

        return stream.ToArray();
    }
}
