using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using NetDsl.Runtime.Data;
using NetDsl.Samples.Lessons;

// The seeds' lessons, reproduced with generated networks on Fashion-MNIST (docs/lessons.md): the degradation problem
// (He et al. 2015), residual connections speeding up Inception training (Szegedy et al. 2016), and ensembles. Every
// network is trained from seed 0 (the ensemble's seeds 1 and 2 aside) on the same images with the same schedule, so a
// second run prints the same tables. --tiny is the smoke test CI runs: a few hundred images, one epoch.
var lesson = new Argument<string>("lesson") { Description = "all, degradation, inception or ensemble.", DefaultValueFactory = _ => "all" };
var trainImages = new Option<int>("--train-images") { Description = "Training images, the first of the 60 000 (0: all).", DefaultValueFactory = _ => 2_000 };
var testImages = new Option<int>("--test-images") { Description = "Test images, the first of the 10 000 (0: all).", DefaultValueFactory = _ => 1_000 };
var epochs = new Option<int>("--epochs") { Description = "Epochs per network.", DefaultValueFactory = _ => 4 };
var batchSize = new Option<int>("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => 64 };
var learningRate = new Option<double>("--lr") { Description = "Peak SGD learning rate.", DefaultValueFactory = _ => 0.1 };
var tiny = new Option<bool>("--tiny") { Description = "The smoke test: 256 training and 128 test images, one epoch." };
var dataDir = new Option<string?>("--data-dir") { Description = $"Folder with the Fashion-MNIST IDX files (default {MnistFormat.FashionMnistSystemDirectory})." };
var output = new Option<string>("--out") { Description = "Folder for every lesson: its runs, pictures and results.md.", DefaultValueFactory = _ => "runs/lessons" };
var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };

var command = new RootCommand("Reproduces the seeds' lessons: the degradation problem, residual Inception training, ensembles.")
{
    lesson, trainImages, testImages, epochs, batchSize, learningRate, tiny, dataDir, output, device,
};
command.SetAction(parsed =>
{
    var isTiny = parsed.GetValue(tiny);
    return Run(
        parsed.GetValue(lesson)!,
        isTiny ? 256 : parsed.GetValue(trainImages),
        isTiny ? 128 : parsed.GetValue(testImages),
        isTiny ? 1 : parsed.GetValue(epochs),
        parsed.GetValue(batchSize),
        parsed.GetValue(learningRate),
        parsed.GetValue(dataDir),
        parsed.GetValue(output)!,
        parsed.GetValue(device)!);
});
return command.Parse(args).Invoke();

static int Run(string lesson, int trainImages, int testImages, int epochs, int batchSize, double learningRate, string? dataDir, string output, string device)
{
    (string Name, Action<LessonSettings, LessonReport, Dictionary<string, TrainedRun>> Run)[] degradation = [(DegradationLesson.Name, DegradationLesson.Run)],
        inception = [(ResidualInceptionLesson.Name, ResidualInceptionLesson.Run)],
        ensemble = [(EnsembleLesson.Name, EnsembleLesson.Run)];
    var lessons = lesson.ToLowerInvariant() switch
    {
        "all" => [.. degradation, .. inception, .. ensemble],
        "degradation" => degradation,
        "inception" => inception,
        "ensemble" => ensemble,
        _ => null,
    };
    if (lessons is null || epochs < 1 || batchSize < 1 || trainImages < 0 || testImages < 0)
    {
        Console.Error.WriteLine(lessons is null
            ? $"Unknown lesson '{lesson}'; use all, degradation, inception or ensemble."
            : "--epochs and --batch-size must be at least 1, --train-images and --test-images at least 0.");
        return 2;
    }

    ImageSet train, test;
    try
    {
        train = MnistFormat.LoadFashionMnist(DataSplit.Train, dataDir);
        test = MnistFormat.LoadFashionMnist(DataSplit.Test, dataDir);
    }
    catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
    {
        Console.Error.WriteLine(e.Message + " (bash scripts/lessons.sh installs Debian's dataset-fashion-mnist.)");
        return 3;
    }

    var settings = new LessonSettings(
        trainImages == 0 ? train : train.Take(trainImages), testImages == 0 ? test : test.Take(testImages), epochs, batchSize, learningRate, output, device);
    var trained = new Dictionary<string, TrainedRun>();
    var clock = Stopwatch.StartNew();
    try
    {
        foreach (var (name, run) in lessons)
        {
            var started = clock.Elapsed;
            var report = new LessonReport(Path.Combine(output, name));
            run(settings, report, trained);
            report.Paragraph($"This run of the lesson took {clock.Elapsed - started:h\\:mm\\:ss} of wall time (runs loaded from an earlier one not counted).");
            report.Save();
        }
    }
    finally
    {
        foreach (var run in trained.Values)
        {
            run.Dispose();
        }
    }

    Console.WriteLine($"\nAll done in {clock.Elapsed:h\\:mm\\:ss}. Each lesson's tables are in {Path.GetFullPath(output)}/<lesson>/results.md, beside its runs' metrics, checkpoints and curves.");
    return 0;
}
