using System;
using System.IO;
using System.Linq;
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
    /// every epoch. No augmentation: the lessons are about how well each network fits its training images.
    /// </summary>
    public static TrainedRun Train(LessonSettings settings, string lesson, string label, Func<nn.Module<Tensor, Tensor>> create, int seed = 0)
    {
        Trainer.Seed(seed);
        var model = create();
        var parameters = model.parameters().Sum(p => p.numel());
        var folder = Path.Combine(settings.Output, lesson, label);
        Console.WriteLine($"\n{lesson}: {label} ({model.GetType().Name}, {parameters:N0} parameters), {settings.Train.Count:N0} training images, {settings.Epochs} epochs, seed {seed} → {folder}");
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
        return new TrainedRun(new RunHistory(label, result.Epochs), model.GetType().Name, model, parameters);
    }
}
