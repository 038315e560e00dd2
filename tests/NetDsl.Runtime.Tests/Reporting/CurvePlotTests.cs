using System.IO;
using System.Linq;
using System.Xml.Linq;
using NetDsl.Runtime.Reporting;
using Xunit;

namespace NetDsl.Runtime.Tests.Reporting;

public sealed class CurvePlotTests
{
    [Fact]
    public void DrawsTrainAndValidationCurvesAndTheValidationTopKErrors()
    {
        using var dir = new TempDirectory();
        var plot = new CurvePlot(dir.File("plots/curves.svg"));
        plot.OnStart(ReportFactory.Start(0));
        plot.OnEpoch(ReportFactory.Epoch(0, 2.0, 0.3, withValidation: true));
        plot.OnEpoch(ReportFactory.Epoch(1, 1.0, 0.6, withValidation: true));
        plot.OnEpoch(ReportFactory.Epoch(2, 0.5, 0.8, withValidation: true));

        var svg = XDocument.Load(plot.Path);

        var lines = svg.Descendants().Where(e => e.Name.LocalName == "polyline").ToList();
        Assert.Equal(["train", "validation", "train", "validation", "top-1", "top-3", "top-5"], lines.Select(l => l.Value));
        Assert.All(lines, l => Assert.Equal(3, l.Attribute("points")!.Value.Split(' ').Length));
        var trainLoss = lines[0].Attribute("points")!.Value.Split(' ').Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(trainLoss[0] < trainLoss[2], "a falling loss must be drawn going down (SVG y grows downwards)");
    }

    [Fact]
    public void WithoutValidationDataTheTopKPanelShowsTheTrainingErrors()
    {
        using var dir = new TempDirectory();
        var plot = new CurvePlot(dir.File("curves.svg"));
        plot.OnStart(ReportFactory.Start(0));
        plot.OnEpoch(ReportFactory.Epoch(0, 2.0, 0.3, withValidation: false));

        var svg = XDocument.Load(plot.Path);

        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value == "training top-k error");
        Assert.Equal(["train", "train", "top-1", "top-3", "top-5"], svg.Descendants().Where(e => e.Name.LocalName == "polyline").Select(l => l.Value));
    }

    [Fact]
    public void IncludesEpochsFromBeforeAResume()
    {
        using var dir = new TempDirectory();
        var plot = new CurvePlot(dir.File("curves.svg"));
        plot.OnStart(ReportFactory.Start(1) with { History = [ReportFactory.Epoch(0, 2.0, 0.3, withValidation: false)] });
        plot.OnEpoch(ReportFactory.Epoch(1, 1.0, 0.6, withValidation: false));

        var first = XDocument.Load(plot.Path).Descendants().First(e => e.Name.LocalName == "polyline");

        Assert.Equal(2, first.Attribute("points")!.Value.Split(' ').Length);
    }

    [Fact]
    public void WritesAPngWithCurvesDrawn()
    {
        using var dir = new TempDirectory();
        var plot = new CurvePlot(dir.File("curves.png"));
        plot.OnStart(ReportFactory.Start(0));
        plot.OnEpoch(ReportFactory.Epoch(0, 2.0, 0.3, withValidation: true));
        plot.OnEpoch(ReportFactory.Epoch(1, 1.0, 0.6, withValidation: true));

        using var bitmap = SkiaSharp.SKBitmap.Decode(plot.Path);

        Assert.Equal((1260, 280), (bitmap.Width, bitmap.Height));
        var blue = SkiaSharp.SKColor.Parse("#1f77b4");
        var found = false;
        for (var x = 0; x < bitmap.Width && !found; x++)
        {
            for (var y = 0; y < bitmap.Height && !found; y++)
            {
                found = bitmap.GetPixel(x, y) == blue;
            }
        }

        Assert.True(found, "no pixel of the training curve's colour");
    }

    [Fact]
    public void OtherExtensionsAreRejected()
    {
        Assert.Throws<System.ArgumentException>(() => new CurvePlot("curves.jpg"));
    }
}
