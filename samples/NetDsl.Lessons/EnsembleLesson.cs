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

    /// <summary>The members of the ensemble of different networks, and the lessons that train them.</summary>
    private static readonly (string Lesson, string Label)[] Mixed =
        [(DegradationLesson.Name, "resnet-20"), (DegradationLesson.Name, "resnet-56"), (ResidualInceptionLesson.Name, "inception-resnet")];

    /// <summary>
    /// Trains the seeds (seed 0 is the degradation lesson's ResNet-20, trained there or loaded from there), evaluates
    /// their ensemble, and then the ensemble of different networks if the other lessons have trained them.
    /// </summary>
    public static void Run(LessonSettings settings, LessonReport report, Dictionary<string, TrainedRun> trained)
    {
        var resnet20 = DegradationLesson.Networks.Single(n => n.Label == "resnet-20");
        var seeds = Lessons.TrainAll(settings, DegradationLesson.Name, [resnet20], trained).ToList();
        for (var seed = 1; seed < 3; seed++)
        {
            var label = $"resnet-20-seed{seed}";
            if (!trained.TryGetValue(label, out var run))
            {
                run = LessonTrainer.Train(settings, Name, label, resnet20.Create, seed);
                trained[label] = run;
            }

            seeds.Add(run);
        }

        report.Heading("Ensembles: three seeds of ResNet-20, and different networks");
        Evaluate(settings, report, seeds, "Three ResNet-20s that differ only in their seed (initial weights and data order)");
        var mixed = Mixed.Select(m => trained.GetValueOrDefault(m.Label) ?? Finished(settings, m.Lesson, m.Label, trained)).ToList();
        if (mixed.All(m => m is not null))
        {
            Evaluate(settings, report, mixed!, "Three different networks trained by the other lessons");
        }
        else
        {
            report.Paragraph("The ensemble of different networks needs the degradation and inception lessons' runs with these settings; run those lessons first.");
        }
    }

    /// <summary>Another lesson's finished run, loaded from its folder into <paramref name="trained"/>; null if it has not run with these settings.</summary>
    private static TrainedRun? Finished(LessonSettings settings, string lesson, string label, Dictionary<string, TrainedRun> trained)
    {
        var networks = lesson == DegradationLesson.Name ? DegradationLesson.Networks : ResidualInceptionLesson.Networks;
        var run = LessonTrainer.Load(settings, System.IO.Path.Combine(settings.Output, lesson, label), label, networks.Single(n => n.Label == label).Create);
        if (run is not null)
        {
            trained[label] = run;
        }

        return run;
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
