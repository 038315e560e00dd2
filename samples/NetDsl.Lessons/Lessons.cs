using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetDsl.Samples.Lessons;

/// <summary>What the lessons share: training their networks, and the wording of their reports.</summary>
internal static class Lessons
{
    /// <summary>Trains (or loads, see <see cref="LessonTrainer.Train"/>) each of <paramref name="networks"/> into <paramref name="lesson"/>'s folder, seed 0, and keeps them in <paramref name="trained"/>.</summary>
    public static TrainedRun[] TrainAll(
        LessonSettings settings, string lesson, IReadOnlyList<LessonNetwork> networks, Dictionary<string, TrainedRun> trained)
    {
        var runs = new TrainedRun[networks.Count];
        for (var i = 0; i < networks.Count; i++)
        {
            var (label, create) = networks[i];
            runs[i] = trained.TryGetValue(label, out var done) ? done : LessonTrainer.Train(settings, lesson, label, create);
            trained[label] = runs[i];
        }

        return runs;
    }

    /// <summary>The setting every table was measured in, as a sentence.</summary>
    public static string Setup(LessonSettings settings) =>
        $"Fashion-MNIST, the first {settings.Train.Count:N0} training and {settings.Test.Count:N0} test images, {settings.Epochs} epochs, batch {settings.BatchSize}, " +
        string.Create(CultureInfo.InvariantCulture, $"SGD (Nesterov 0.9, weight decay 1e-4) at lr {settings.LearningRate} with half an epoch of warm-up and cosine decay, no augmentation, seed 0.");

    /// <summary>A difference of two error fractions as "1.23 points above", "0.45 points below" or "level with".</summary>
    public static string Points(double difference) =>
        difference == 0 ? "level with" : string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(difference) * 100:F2} points {(difference > 0 ? "above" : "below")}");
}
