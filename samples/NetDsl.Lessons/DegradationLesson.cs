using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Samples.Lessons;

/// <summary>
/// He et al. 2015, §4.2: a deeper plain network trains worse than a shallower one (the degradation problem), while
/// the same deeper network with shortcuts trains better. Plain-20, plain-56, ResNet-20 and ResNet-56 on the same
/// images with the same schedule.
/// </summary>
internal static class DegradationLesson
{
    /// <summary>The lesson's folder name under the output folder.</summary>
    public const string Name = "degradation";

    /// <summary>The lesson's networks by label, in the order it trains them.</summary>
    public static IReadOnlyList<LessonNetwork> Networks { get; } =
    [
        new("plain-20", () => new PlainNet(depth: 20)),
        new("plain-56", () => new PlainNet(depth: 56)),
        new("resnet-20", () => new ResNet(depth: 20)),
        new("resnet-56", () => new ResNet(depth: 56)),
    ];

    /// <summary>Trains the four networks, reports their table and curves; the trained runs go into <paramref name="trained"/>.</summary>
    public static void Run(LessonSettings settings, LessonReport report, Dictionary<string, TrainedRun> trained)
    {
        var runs = Lessons.TrainAll(settings, Name, Networks, trained);

        var histories = runs.Select(r => r.History).ToList();
        var picture = Path.Combine(settings.Output, Name, "comparison.png");
        RunComparisonPlot.Write(picture, histories);
        report.Heading("The degradation problem: plain-20, plain-56, ResNet-20, ResNet-56");
        report.Paragraph(Lessons.Setup(settings) + " Parameters: " + string.Join(", ", runs.Select(r => $"{r.Label} {r.Parameters:N0}")) + ".");
        report.Table(RunComparison.Table(histories));
        var (plain20, plain56, res20, res56) = (Final(runs[0]), Final(runs[1]), Final(runs[2]), Final(runs[3]));
        report.Paragraph(
            $"Training top-1 error after the last epoch: plain-56 is {Lessons.Points(plain56 - plain20)} plain-20 " +
            $"({(plain56 > plain20 ? "the degradation problem: the deeper plain network fits its training images worse" : "no degradation at this scale")}); " +
            $"ResNet-56 is {Lessons.Points(res56 - res20)} ResNet-20 ({(res56 < res20 ? "with shortcuts, depth helps" : "depth does not help here")}), " +
            $"and {Lessons.Points(res56 - plain56)} plain-56.");
        report.Picture(picture, "training and validation top-1 error per epoch of plain-20, plain-56, ResNet-20 and ResNet-56");
    }

    private static double Final(TrainedRun run) => run.History.Epochs[^1].Train.Top1Error;
}
