using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using NetDsl.Samples.FashionMnist;
using TorchSharp;

var epochs = new Option<int>("--epochs") { Description = "Passes over the 60 000 training images.", DefaultValueFactory = _ => 15 };
var batchSize = new Option<int>("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => 128 };
var learningRate = new Option<double>("--lr") { Description = "Peak SGD learning rate (cosine decay after one warm-up epoch).", DefaultValueFactory = _ => 0.1 };
var units = new Option<int>("--units") { Description = "Residual units per stage of FashionResNet.", DefaultValueFactory = _ => 2 };
var erase = new Option<double>("--erase") { Description = "Probability of random erasing (Zhong et al. 2017) per training image; 0 turns it off.", DefaultValueFactory = _ => 0.5 };
var labelSmoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing of the loss, 0 to 1.", DefaultValueFactory = _ => 0.1 };
var ema = new Option<double>("--ema") { Description = "Decay per step of an exponential moving average of the weights, which is then what is evaluated and checkpointed for prediction; 0 turns it off.", DefaultValueFactory = _ => 0.999 };
var flip = new Option<bool>("--flip") { Description = "Evaluate each test image and its mirror image, averaging the two softmax outputs (--flip false turns it off).", DefaultValueFactory = _ => true };
var limit = new Option<int?>("--limit") { Description = "Train on the first N images only (a quick smoke run)." };
var dataDir = new Option<string?>("--data-dir") { Description = $"Folder with the Fashion-MNIST IDX files (default {MnistFormat.FashionMnistSystemDirectory})." };
var output = new Option<string>("--out") { Description = "Folder for checkpoints, metrics, TensorBoard events and plots.", DefaultValueFactory = _ => "runs/fashion-mnist" };
var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };

var command = new RootCommand("Trains the generated FashionResNet on Fashion-MNIST and reports test accuracy.")
{
    epochs, batchSize, learningRate, units, erase, labelSmoothing, ema, flip, limit, dataDir, output, device, seed,
};
command.SetAction(parsed => Train(
    parsed.GetValue(epochs),
    parsed.GetValue(batchSize),
    parsed.GetValue(learningRate),
    parsed.GetValue(units),
    parsed.GetValue(erase),
    parsed.GetValue(labelSmoothing),
    parsed.GetValue(ema),
    parsed.GetValue(flip),
    parsed.GetValue(limit),
    parsed.GetValue(dataDir),
    parsed.GetValue(output)!,
    parsed.GetValue(device)!,
    parsed.GetValue(seed)));
return command.Parse(args).Invoke();

static int Train(int epochs, int batchSize, double learningRate, int units, double erase, double labelSmoothing, double ema, bool flip, int? limit, string? dataDir, string output, string device, int seed)
{
    if (erase is < 0 or > 1 || labelSmoothing is < 0 or > 1)
    {
        Console.Error.WriteLine("--erase and --label-smoothing must be within [0, 1].");
        return 2;
    }

    if (ema is not (>= 0 and < 1))
    {
        Console.Error.WriteLine("--ema must be within [0, 1), such as 0.999; 0 keeps no average.");
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
        Console.Error.WriteLine(e.Message);
        return 2;
    }

    if (limit is { } count)
    {
        train = train.Take(count);
    }

    var normalize = new Normalize([MnistFormat.FashionMnistMean], [MnistFormat.FashionMnistStd]);
    IImageTransform[] augmentation = [new RandomCrop(28, 28, 2), new HorizontalFlip(), normalize];
    // With --erase 0 the pipeline, and so its random draws, are those of the runs measured before erasing existed.
    var augment = new ImagePipeline(train.Shape, erase > 0 ? [.. augmentation, new RandomErasing(erase)] : augmentation);
    var plain = new ImagePipeline(test.Shape, normalize);

    Trainer.Seed(seed);
    using var model = new FashionResNet(classes: train.ClassNames.Count, units: units);
    Console.WriteLine($"FashionResNet: {model.parameters().Sum(p => p.numel()):N0} parameters, {torch.get_num_threads()} threads.");
    Directory.CreateDirectory(output);
    using var progress = new ConsoleProgress();
    using var trainer = new Trainer(model, new TrainerOptions
    {
        Epochs = epochs,
        Optimizer = OptimizerSettings.Sgd(learningRate, momentum: 0.9, nesterov: true, weightDecay: 5e-4),
        Schedule = new WarmupSchedule(1, new CosineSchedule(epochs)),
        LabelSmoothing = labelSmoothing,
        WeightAverageDecay = ema > 0 ? ema : null,
        TestTimeFlip = flip,
        Seed = seed,
        Device = device,
        CheckpointDirectory = output,
        Prediction = new PredictionMetadata
        {
            ClassNames = train.ClassNames,
            Mean = [MnistFormat.FashionMnistMean],
            Std = [MnistFormat.FashionMnistStd],
            Input = train.Shape,
            DataShape = train.Shape,
        },
        Observers = [progress, new MetricsLog(output), new TensorBoardLog(Path.Combine(output, "tensorboard")), new CurvePlot(Path.Combine(output, "curves.png"))],
    });

    var clock = Stopwatch.StartNew();
    trainer.Fit(
        new BatchLoader(train, batchSize, augment, shuffle: true, seed: seed),
        new BatchLoader(test, 500, plain));
    var result = trainer.Evaluate(new BatchLoader(test, 500, plain));
    progress.Dispose();

    var summary = result.Summary;
    Console.WriteLine();
    Console.WriteLine($"Test accuracy {summary.Accuracy:P2} ({string.Join(", ", summary.TopErrors.Select(e => $"top-{e.K} error {e.Error:P2}"))}) on {summary.Count:N0} images{Evaluated(ema, flip)} after {epochs} epochs in {clock.Elapsed:hh\\:mm\\:ss}.");
    for (var c = 0; c < test.ClassNames.Count; c++)
    {
        Console.WriteLine($"  {test.ClassNames[c],-12} {summary.PerClassAccuracy[c]:P1}");
    }

    File.WriteAllText(Path.Combine(output, "confusion.csv"), result.Confusion.ToCsv(test.ClassNames));
    Console.WriteLine($"Checkpoints, metrics.jsonl, confusion.csv, TensorBoard events and curves.png are in {Path.GetFullPath(output)}.");
    return 0;
}

static string Evaluated(double ema, bool flip) => (ema > 0, flip) switch
{
    (false, false) => "",
    (false, true) => " (each with its mirror image)",
    (true, false) => $" (weights averaged with decay {ema})",
    (true, true) => $" (weights averaged with decay {ema}, each image with its mirror image)",
};
