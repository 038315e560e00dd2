// Trains ResidualNet (residual_net.net.yaml) and reports its accuracy on the test images.
//   dotnet run -- [DATA] [EPOCHS]
// DATA is a folder of Fashion-MNIST's IDX files (by default Debian's, from `apt-get install dataset-fashion-mnist`)
// or of images in train/<class>/ and test/<class>/ folders. Checkpoints, metrics and curves.png go to runs/; a
// second run resumes from runs/last.ckpt (delete runs/ to start over).
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using NetDslClassifier;

var data = args.Length > 0 ? args[0] : MnistFormat.FashionMnistSystemDirectory;
var epochs = args.Length > 1 ? int.Parse(args[1]) : 10;
var (train, test) = Directory.Exists(Path.Combine(data, "train"))
    ? (ImageFolder.Load(Path.Combine(data, "train"), 28, 28, grey: true), ImageFolder.Load(Path.Combine(data, "test"), 28, 28, grey: true))
    : (MnistFormat.LoadFashionMnist(DataSplit.Train, data), MnistFormat.LoadFashionMnist(DataSplit.Test, data));

var normalize = new Normalize([MnistFormat.FashionMnistMean], [MnistFormat.FashionMnistStd]);
var augment = new ImagePipeline(train.Shape, new RandomCrop(28, 28, 2), new HorizontalFlip(), normalize);
var plain = new ImagePipeline(test.Shape, normalize);

using var model = new ResidualNet(classes: train.ClassNames.Count);
using var trainer = new Trainer(model, new TrainerOptions
{
    Epochs = epochs,
    Optimizer = OptimizerSettings.Sgd(0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4),
    Schedule = new CosineSchedule(epochs),
    CheckpointDirectory = "runs",
    // What `netdsl predict --checkpoint runs/best.ckpt` needs to classify new images as these were trained.
    Prediction = new PredictionMetadata
    {
        ClassNames = train.ClassNames,
        Mean = [MnistFormat.FashionMnistMean],
        Std = [MnistFormat.FashionMnistStd],
        Input = train.Shape,
        DataShape = train.Shape,
    },
    Observers = [new ConsoleProgress(), new MetricsLog("runs"), new CurvePlot("runs/curves.png")],
});
trainer.Fit(new BatchLoader(train, 128, augment, shuffle: true), new BatchLoader(test, 500, plain));

var result = trainer.Evaluate(new BatchLoader(test, 500, plain)).Summary;
Console.WriteLine($"Test accuracy {result.Accuracy:P2} on {result.Count} images after {epochs} epochs; see runs/curves.png.");
