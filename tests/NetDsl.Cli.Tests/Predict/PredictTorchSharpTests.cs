using System.IO;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Cli.Tests.Predict;

/// <summary><c>netdsl predict</c> on a generated network with the checkpoint or weights <c>netdsl train</c> wrote.</summary>
public sealed class PredictTorchSharpTests
{
    private static readonly string TestAssembly = typeof(PredictTorchSharpTests).Assembly.Location;

    [Fact]
    public void A_trained_networks_checkpoint_and_exported_weights_classify_with_the_class_names_they_carry()
    {
        using var dir = new TempDirectory();
        TinyData.WriteImageFolder(dir.File("shades"), perClass: 6);
        var run = dir.File("run");
        var exported = dir.File("run/tiny.safetensors");
        var train = Cli.Run(
            "train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "shades", "--data-dir", dir.Path,
            "--epochs", "3", "--batch-size", "4", "--optimizer", "adamw", "--lr", "0.01", "--device", "cpu", "--out", run, "--export", exported);
        Assert.True(train.ExitCode == ExitCodes.Success, train.Error + train.Output);

        var prediction = CheckpointStore.Inspect(Path.Combine(run, "last.ckpt")).Prediction;
        Assert.NotNull(prediction);
        Assert.Equal(["dark", "light"], prediction.ClassNames!);
        Assert.Equal(new ImageShape(1, 28, 28), prediction.Input);
        Assert.Equal(new ImageShape(1, 28, 28), prediction.DataShape);
        Assert.Single(prediction.Mean!);
        Assert.Single(prediction.Std!);

        var dark = TinyOnnx.WritePng(dir.File("new/dark.png"), 45, size: 40);
        var light = TinyOnnx.WritePng(dir.File("new/light.png"), 215, size: 12);
        var fromCheckpoint = Cli.Run("predict", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--checkpoint", Path.Combine(run, "last.ckpt"), "--device", "cpu", dark, light);

        Assert.True(fromCheckpoint.ExitCode == ExitCodes.Success, fromCheckpoint.Error + fromCheckpoint.Output);
        Assert.Matches($@"{Escaped(dark)}\n(.*\n){{3}}│ 1 │ dark  │", fromCheckpoint.Output);
        Assert.Matches($@"{Escaped(light)}\n(.*\n){{3}}│ 1 │ light │", fromCheckpoint.Output);

        var fromWeights = Cli.Run("predict", "--model", "tinygreynet", "--assembly", TestAssembly, "--weights", exported, dark, light);

        Assert.True(fromWeights.ExitCode == ExitCodes.Success, fromWeights.Error + fromWeights.Output);
        Assert.Equal(fromCheckpoint.Output, fromWeights.Output);

        var otherNetwork = Cli.Run("predict", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--checkpoint", Path.Combine(run, "last.ckpt"), dark);

        Assert.Equal(ExitCodes.RunFailed, otherNetwork.ExitCode);
        Assert.StartsWith($"netdsl: error: --checkpoint: '{Path.Combine(run, "last.ckpt")}' does not fit TinyRgbNet with 2 classes", otherNetwork.Error);
    }

    [Fact]
    public void Weights_without_metadata_need_the_normalisation_and_the_class_count_from_the_options()
    {
        using var dir = new TempDirectory();
        TinyData.WriteImageFolder(dir.File("shades"), perClass: 2);
        var weights = dir.File("tiny.dat");
        var train = Cli.Run(
            "train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "shades", "--data-dir", dir.Path,
            "--epochs", "1", "--batch-size", "4", "--device", "cpu", "--out", dir.File("run"), "--export", weights);
        Assert.True(train.ExitCode == ExitCodes.Success, train.Error + train.Output);
        var image = TinyOnnx.WritePng(dir.File("x.png"), 200);

        var noNormalisation = Cli.Run("predict", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--weights", weights, image);

        Assert.Equal(ExitCodes.Usage, noNormalisation.ExitCode);
        Assert.Contains("--mean and --std: '" + weights + "' does not say how its training images were normalised", noNormalisation.Error);

        // TinyGreyNet's default is 10 classes; the weights have 2.
        var defaultClasses = Cli.Run("predict", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--weights", weights, "--mean", "0.5", "--std", "0.25", image);

        Assert.Equal(ExitCodes.RunFailed, defaultClasses.ExitCode);
        Assert.Contains("does not fit TinyGreyNet with 10 classes", defaultClasses.Error);
        Assert.Contains("[2, 16] in the file but [10, 16] in the model", defaultClasses.Error);

        var named = Cli.Run("predict", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--weights", weights, "--mean", "0.5", "--std", "0.25", "--classes", "dim,bright", image);

        Assert.True(named.ExitCode == ExitCodes.Success, named.Error + named.Output);
        Assert.Contains(" dim ", named.Output);
        Assert.Contains(" bright ", named.Output);
    }

    private static string Escaped(string path) => System.Text.RegularExpressions.Regex.Escape(path);
}
