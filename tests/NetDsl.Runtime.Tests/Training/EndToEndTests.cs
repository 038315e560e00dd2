using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Training;
using Xunit;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class EndToEndTests
{
    [Fact]
    public void TrainsFromIdxFilesWithAugmentationLogsAndCheckpoints()
    {
        using var dir = new TempDirectory();
        foreach (var (prefix, seed) in new[] { ("train", 30), ("t10k", 31) })
        {
            var set = Synthetic.Bands(prefix == "train" ? 192 : 64, classes: 2, size: 8, seed);
            var pixels = Enumerable.Range(0, set.Count).SelectMany(i => set.Pixels(i).ToArray()).ToArray();
            var labels = Enumerable.Range(0, set.Count).Select(i => (byte)set.Label(i)).ToArray();
            IdxWriter.Write(Path.Combine(dir.Path, prefix + "-images-idx3-ubyte.gz"), IdxWriter.Encode([set.Count, 8, 8], pixels), gzip: true);
            IdxWriter.Write(Path.Combine(dir.Path, prefix + "-labels-idx1-ubyte.gz"), IdxWriter.Encode([set.Count], labels), gzip: true);
        }

        var classes = new[] { "top", "bottom" };
        var train = MnistFormat.Load(dir.Path, DataSplit.Train, classes, "test data");
        var test = MnistFormat.Load(dir.Path, DataSplit.Test, classes, "test data");
        var normalize = new Normalize([0.3f], [0.3f]);
        Trainer.Seed(40);
        using var model = new TinyNet(2, dropout: 0.1);
        var runs = Path.Combine(dir.Path, "run");
        var log = new MetricsLog(runs, batchEvery: 4);
        var plot = new CurvePlot(Path.Combine(runs, "curves.svg"));
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 3,
            Device = "auto",
            Optimizer = OptimizerSettings.AdamW(0.01),
            Schedule = new CosineSchedule(3),
            CheckpointDirectory = runs,
            Observers = [log, plot, new TensorBoardLog(Path.Combine(runs, "tb"))],
        });

        var result = trainer.Fit(
            new BatchLoader(train, 32, new ImagePipeline(train.Shape, new RandomCrop(8, 8, 1), normalize), shuffle: true, seed: 1),
            new BatchLoader(test, 64, new ImagePipeline(test.Shape, normalize)));

        Assert.True(result.Epochs[^1].Validation!.Accuracy > 0.9, $"validation accuracy {result.Epochs[^1].Validation!.Accuracy}");
        Assert.Equal(4, File.ReadAllLines(log.CsvPath).Length);
        Assert.True(File.Exists(Path.Combine(runs, "last.ckpt")));
        Assert.True(File.Exists(plot.Path));
    }
}
