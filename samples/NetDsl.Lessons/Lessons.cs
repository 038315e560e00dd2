using System;
using System.Globalization;

namespace NetDsl.Samples.Lessons;

/// <summary>Wording the lessons' reports share.</summary>
internal static class Lessons
{
    /// <summary>The setting every table was measured in, as a sentence.</summary>
    public static string Setup(LessonSettings settings) =>
        $"Fashion-MNIST, the first {settings.Train.Count:N0} training and {settings.Test.Count:N0} test images, {settings.Epochs} epochs, batch {settings.BatchSize}, " +
        string.Create(CultureInfo.InvariantCulture, $"SGD (Nesterov 0.9, weight decay 1e-4) at lr {settings.LearningRate} with half an epoch of warm-up and cosine decay, no augmentation, seed 0.");

    /// <summary>A difference of two error fractions as "1.23 points above", "0.45 points below" or "level with".</summary>
    public static string Points(double difference) =>
        difference == 0 ? "level with" : string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(difference) * 100:F2} points {(difference > 0 ? "above" : "below")}");
}
