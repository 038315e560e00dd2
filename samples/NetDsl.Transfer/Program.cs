using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Transfer;
using NetDsl.Runtime.Weights;
using NetDsl.Zoo;

// Transfer learning as the ResNet and Inception papers fine-tune: a generated CIFAR ResNet-20 (3×32×32 input; the
// 28×28 grey images are padded and repeated into three channels) learns the five garment classes of
// Fashion-MNIST, its weights go through safetensors, and a new network for the other five classes (footwear, bags,
// shirts) starts from them: a new head trained on the frozen body, then everything fine-tuned at a smaller learning
// rate with the head at ten times the body's. The same network trained from scratch for as many epochs is the baseline.
// Transfer pays where labelled target images are few, so by default the target task gets 1 000 of its 30 000.
var pretrainEpochs = new Option<int>("--pretrain-epochs") { Description = "Epochs on the source classes.", DefaultValueFactory = _ => 4 };
var headEpochs = new Option<int>("--head-epochs") { Description = "Epochs training the new head on the frozen body.", DefaultValueFactory = _ => 3 };
var fineTuneEpochs = new Option<int>("--finetune-epochs") { Description = "Epochs fine-tuning everything.", DefaultValueFactory = _ => 10 };
var targetImages = new Option<int>("--target-images") { Description = "Labelled training images of the target classes (0: all 30 000).", DefaultValueFactory = _ => 1000 };
var limit = new Option<int?>("--limit") { Description = "Use only the first N images of each split (a quick smoke run)." };
var dataDir = new Option<string?>("--data-dir") { Description = $"Folder with the Fashion-MNIST IDX files (default {MnistFormat.FashionMnistSystemDirectory})." };
var output = new Option<string>("--out") { Description = "Folder for the weights, metrics and plots of every stage.", DefaultValueFactory = _ => "runs/transfer" };
var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };

var command = new RootCommand("Pre-trains CifarResNetA (depth 20) on five Fashion-MNIST classes and transfers it to the other five.")
{
    pretrainEpochs, headEpochs, fineTuneEpochs, targetImages, limit, dataDir, output, device,
};
command.SetAction(parsed => Run(
    parsed.GetValue(pretrainEpochs), parsed.GetValue(headEpochs), parsed.GetValue(fineTuneEpochs), parsed.GetValue(targetImages),
    parsed.GetValue(limit), parsed.GetValue(dataDir), parsed.GetValue(output)!, parsed.GetValue(device)!));
return command.Parse(args).Invoke();

static int Run(int pretrainEpochs, int headEpochs, int fineTuneEpochs, int targetImages, int? limit, string? dataDir, string output, string device)
{
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
        (train, test) = (train.Take(count), test.Take(count));
    }

    int[] source = [0, 1, 2, 3, 4], target = [5, 6, 7, 8, 9];
    var stages = new List<(string Stage, int Epochs, string Trained, double Accuracy)>();
    var clock = Stopwatch.StartNew();
    var pretrained = Path.Combine(output, "pretrained.safetensors");

    using (var model = Network())
    {
        var accuracy = Fit(model, "pretrain", train.WhereClasses(source), test.WhereClasses(source), pretrainEpochs, 0.1, [], output, device);
        ModelWeights.Save(model, pretrained, new Dictionary<string, string> { ["classes"] = string.Join(",", source.Select(c => train.ClassNames[c])) });
        stages.Add(($"pre-train on {string.Join(", ", source.Select(c => train.ClassNames[c]))}", pretrainEpochs, "all", accuracy));
    }

    var targetTrain = train.WhereClasses(target);
    if (targetImages > 0)
    {
        targetTrain = targetTrain.Take(targetImages);
    }

    var targetTest = test.WhereClasses(target);
    using (var model = Network())
    {
        var report = ModelWeights.Load(model, pretrained, new WeightLoadOptions { Skip = ["fc.*"] });
        Console.WriteLine($"Loaded {report.Loaded.Count} tensors from {pretrained}; {string.Join(", ", report.Skipped)} start fresh.");
        FineTuning.Freeze(model, "*");
        FineTuning.Unfreeze(model, "fc.*");
        var head = Fit(model, "head", targetTrain, targetTest, headEpochs, 0.1, [], output, device);
        stages.Add(("transfer: new head on the frozen body", headEpochs, "fc", head));

        FineTuning.Unfreeze(model, "*");
        var tuned = Fit(model, "finetune", targetTrain, targetTest, fineTuneEpochs, 0.01, [new ParameterGroup("fc.*", LearningRateScale: 10)], output, device);
        stages.Add(("transfer: fine-tune everything (lr 0.01, head 0.1)", fineTuneEpochs, "all", tuned));
    }

    using (var model = Network())
    {
        var scratch = Fit(model, "scratch", targetTrain, targetTest, headEpochs + fineTuneEpochs, 0.1, [], output, device);
        stages.Add(("baseline: from scratch on the target classes", headEpochs + fineTuneEpochs, "all", scratch));
    }

    Console.WriteLine();
    Console.WriteLine($"| stage | epochs | trained | test accuracy |");
    Console.WriteLine($"| --- | ---: | --- | ---: |");
    foreach (var (stage, epochs, trained, accuracy) in stages)
    {
        Console.WriteLine($"| {stage} | {epochs} | {trained} | {accuracy:P2} |");
    }

    Console.WriteLine($"\nTarget classes: {string.Join(", ", targetTest.ClassNames)}; {clock.Elapsed:hh\\:mm\\:ss} in all. Weights, metrics and curves are in {Path.GetFullPath(output)}.");
    return 0;
}

static CifarResNetA Network()
{
    Trainer.Seed(0); // the initial weights: every run starts from the same ones
    return new(classes: 5, depth: 20);
}

static double Fit(CifarResNetA model, string stage, ImageSet train, ImageSet test, int epochs, double learningRate, IReadOnlyList<ParameterGroup> groups, string output, string device)
{
    // Fashion-MNIST's pixel statistics, repeated for the three channels the network takes.
    var normalize = new Normalize([.. Enumerable.Repeat(MnistFormat.FashionMnistMean, 3)], [.. Enumerable.Repeat(MnistFormat.FashionMnistStd, 3)]);
    var fit = new IImageTransform[] { new GreyToRgb(), new PadTo(32, 32) };
    var augment = new ImagePipeline(train.Shape, [.. fit, new RandomCrop(32, 32, 4), new HorizontalFlip(), normalize]);
    var plain = new ImagePipeline(test.Shape, [.. fit, normalize]);
    var folder = Path.Combine(output, stage);
    var trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
    Console.WriteLine($"\n{stage}: {train.Count:N0} training images of {string.Join(", ", train.ClassNames)}; training {trainable:N0} of {model.parameters().Sum(p => p.numel()):N0} parameters.");
    Trainer.Seed(0);
    using var progress = new ConsoleProgress();
    using var trainer = new Trainer(model, new TrainerOptions
    {
        Epochs = epochs,
        Optimizer = OptimizerSettings.Sgd(learningRate, momentum: 0.9, nesterov: true, weightDecay: 5e-4),
        Schedule = new CosineSchedule(epochs),
        ParameterGroups = groups,
        Device = device,
        CheckpointDirectory = folder,
        Resume = false,
        Observers = [progress, new MetricsLog(folder), new CurvePlot(Path.Combine(folder, "curves.png"))],
    });
    trainer.Fit(new BatchLoader(train, 128, augment, shuffle: true, seed: 0), new BatchLoader(test, 500, plain));
    var accuracy = trainer.Evaluate(new BatchLoader(test, 500, plain)).Summary.Accuracy;
    progress.Dispose();
    return accuracy;
}
