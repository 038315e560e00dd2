using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Ensembles;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Samples.Lessons;

/// <summary>
/// An ensemble beats each of its members: three ResNet-20s trained from three seeds, evaluated alone and with their
/// softmax outputs averaged; and, when the other lessons ran first, an ensemble of the different networks they
/// trained.
/// </summary>
internal static class EnsembleLesson
{
    /// <summary>The lesson's folder name under the output folder.</summary>
    public const string Name = "ensemble";

    private static readonly string[] Mixed = ["resnet-20", "resnet-56", "inception-resnet"];

    /// <summary>Trains the seeds the other lessons did not (ResNet-20 seed 0 is the degradation lesson's), then evaluates both ensembles.</summary>
    public static void Run(LessonSettings settings, LessonReport report, Dictionary<string, TrainedRun> trained)
    {
        var seeds = new List<TrainedRun>();
        for (var seed = 0; seed < 3; seed++)
        {
            var label = seed == 0 ? "resnet-20" : $"resnet-20-seed{seed}";
            if (!trained.TryGetValue(label, out var run))
            {
                run = LessonTrainer.Train(settings, Name, label, () => new ResNet(depth: 20), seed);
                trained[label] = run;
            }

            seeds.Add(run);
        }

        report.Heading("Ensembles: three seeds of ResNet-20, and different networks");
        Evaluate(settings, report, seeds, "Three ResNet-20s that differ only in their seed (initial weights and data order)");
        if (Mixed.All(trained.ContainsKey))
        {
            Evaluate(settings, report, [.. Mixed.Select(m => trained[m])], "Three different networks trained by the lessons above");
        }
    }

    private static void Evaluate(LessonSettings settings, LessonReport report, IReadOnlyList<TrainedRun> members, string what)
    {
        var plain = LessonTrainer.Pipeline(settings.Test);
        var result = Ensemble.Evaluate([.. members.Select(m => new EnsembleMember(m.Label, m.Model, plain))], settings.Test, device: settings.Device);
        report.Paragraph($"{what}, each at its last epoch, on {settings.Test.Count:N0} test images:");
        report.Table(EnsembleTable.Of(result, [.. members.Select(m => m.Network)]));
        report.Paragraph(EnsembleTable.Gain(result));
    }
}
