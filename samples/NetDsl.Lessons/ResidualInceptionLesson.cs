using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Samples.Lessons;

/// <summary>
/// Szegedy et al. 2016: residual connections make Inception networks train markedly faster. An Inception network
/// and its Inception-ResNet twin (the same modules with an identity shortcut: the same parameters and cost), the
/// same schedule, top-1 error against the epoch and against wall time.
/// </summary>
internal static class ResidualInceptionLesson
{
    /// <summary>The lesson's folder name under the output folder.</summary>
    public const string Name = "residual-inception";

    /// <summary>The twins by label.</summary>
    public static IReadOnlyList<LessonNetwork> Networks { get; } =
    [
        new("inception", () => new InceptionNet()),
        new("inception-resnet", () => new InceptionResNet()),
    ];

    /// <summary>Trains the twins, reports their table, curves and how soon the residual one got where the other ended.</summary>
    public static void Run(LessonSettings settings, LessonReport report, Dictionary<string, TrainedRun> trained)
    {
        var runs = Lessons.TrainAll(settings, Name, Networks, trained);

        var histories = runs.Select(r => r.History).ToList();
        var byEpoch = Path.Combine(settings.Output, Name, "comparison.png");
        var byTime = Path.Combine(settings.Output, Name, "comparison-time.png");
        RunComparisonPlot.Write(byEpoch, histories);
        RunComparisonPlot.Write(byTime, histories, axis: ComparisonAxis.WallTime);
        report.Heading("Residual connections and Inception: Inception against its Inception-ResNet twin");
        report.Paragraph(
            Lessons.Setup(settings) + $" Both twins have {runs[0].Parameters:N0} parameters and {InceptionNet.MultiplyAdds:N0} multiply-adds per image; " +
            "their modules differ in the shortcut alone.");
        report.Table(RunComparison.Table(histories));
        report.Paragraph(Reached(runs[1].History, runs[0].History));
        report.Picture(byEpoch, "training and validation top-1 error per epoch of Inception and Inception-ResNet");
        report.Picture(byTime, "the same against wall time");
    }

    /// <summary>When <paramref name="fast"/> first reached the training error that <paramref name="slow"/> ended with.</summary>
    private static string Reached(RunHistory fast, RunHistory slow)
    {
        var target = slow.Epochs[^1].Train.Top1Error;
        var elapsed = 0.0;
        foreach (var epoch in fast.Epochs)
        {
            elapsed += epoch.Seconds;
            if (epoch.Train.Top1Error <= target)
            {
                return $"{fast.Label} reached {slow.Label}'s final training top-1 error ({RunComparison.Percent(target)}) after epoch {epoch.Epoch + 1} of " +
                    $"{fast.Epochs.Count} ({RunComparison.Duration(elapsed)}, against {RunComparison.Duration(slow.Epochs.Sum(e => e.Seconds))} for all of {slow.Label}'s).";
            }
        }

        return $"{fast.Label} did not reach {slow.Label}'s final training top-1 error ({RunComparison.Percent(target)}) in {fast.Epochs.Count} epochs: " +
            "at this scale the residual twin does not train faster.";
    }
}
