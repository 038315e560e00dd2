using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using static TorchSharp.torch;

namespace NetDsl.Samples.Lessons;

/// <summary>Trains one network of a lesson the way every other network of the lessons is trained.</summary>
internal static class LessonTrainer
{
    /// <summary>The images as the networks take them: normalised with Fashion-MNIST's statistics, not augmented.</summary>
    public static ImagePipeline Pipeline(ImageSet data) =>
        new(data.Shape, new Normalize([MnistFormat.FashionMnistMean], [MnistFormat.FashionMnistStd]));

    /// <summary>
    /// Seeds libtorch with <paramref name="seed"/>, builds the network, and trains it into
    /// <c>{output}/{lesson}/{label}</c> (checkpoints, metrics.jsonl/csv, curves.png) from scratch: SGD with Nesterov
    /// momentum 0.9 and weight decay 1e-4, half an epoch of warm-up, cosine decay, the test images evaluated after
    /// every epoch. No augmentation: the lessons are about how well each network fits its training images. A run
    /// that already finished there with the same settings is loaded instead of trained again (training is seeded, so
    /// it would end the same), which lets the lessons run one at a time: the ensemble lesson loads the others' runs.
    /// </summary>
    public static TrainedRun Train(LessonSettings settings, string lesson, string label, Func<nn.Module<Tensor, Tensor>> create, int seed = 0)
    {
        var folder = Path.Combine(settings.Output, lesson, label);
        return Load(settings, folder, label, create, seed) ?? Fit(settings, folder, lesson, label, create, seed);
    }

    /// <summary>The finished run in <paramref name="folder"/>, if one was trained there with these settings; else null.</summary>
    public static TrainedRun? Load(LessonSettings settings, string folder, string label, Func<nn.Module<Tensor, Tensor>> create, int seed = 0)
    {
        var checkpoint = Path.Combine(folder, "last.ckpt");
        var stamp = Path.Combine(folder, StampFile);
        if (!File.Exists(stamp) || File.ReadAllText(stamp) != Stamp(settings, seed) || !File.Exists(checkpoint))
        {
            return null;
        }

        var model = create();
        CheckpointStore.Load(checkpoint, model, optimizer: null);
        Console.WriteLine($"\n{label}: loaded the finished run in {folder}.");
        return new TrainedRun(RunHistory.Load(folder, label), model.GetType().Name, model, model.parameters().Sum(p => p.numel()));
    }

    private const string StampFile = "lesson-settings.txt";

    /// <summary>What makes two runs of one network the same: the data, the schedule and the seed.</summary>
    private static string Stamp(LessonSettings settings, int seed) => string.Create(
        CultureInfo.InvariantCulture,
        $"train {settings.Train.Count}, test {settings.Test.Count}, epochs {settings.Epochs}, batch {settings.BatchSize}, lr {settings.LearningRate}, seed {seed}\n");

    private static TrainedRun Fit(LessonSettings settings, string folder, string lesson, string label, Func<nn.Module<Tensor, Tensor>> create, int seed)
    {
        Trainer.Seed(seed);
        var model = create();
        var parameters = model.parameters().Sum(p => p.numel());
        Console.WriteLine($"\n{lesson}: {label} ({model.GetType().Name}, {parameters:N0} parameters), {settings.Train.Count:N0} training images, {settings.Epochs} epochs, seed {seed} → {folder}");
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, StampFile));
        using var progress = new ConsoleProgress(plainEvery: 20);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = settings.Epochs,
            Optimizer = OptimizerSettings.Sgd(settings.LearningRate, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
            Schedule = new WarmupSchedule(0.5, new CosineSchedule(settings.Epochs)),
            Seed = seed,
            Device = settings.Device,
            CheckpointDirectory = folder,
            Resume = false,
            Observers = [progress, new MetricsLog(folder), new CurvePlot(Path.Combine(folder, "curves.png"))],
        });
        var plain = Pipeline(settings.Train);
        var result = trainer.Fit(
            new BatchLoader(settings.Train, settings.BatchSize, plain, shuffle: true, seed: seed),
            new BatchLoader(settings.Test, 500, plain));
        File.WriteAllText(Path.Combine(folder, StampFile), Stamp(settings, seed));
        return new TrainedRun(new RunHistory(label, result.Epochs), model.GetType().Name, model, parameters);
    }
}
