using System.IO;
using System.Linq;
using Xunit;

namespace NetDsl.Cli.Tests;

public sealed class TrainCommandTests
{
    private static readonly string TestAssembly = typeof(TrainCommandTests).Assembly.Location;

    [Fact]
    public void Train_then_eval_a_tiny_network_on_a_tiny_idx_data_set()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 40, testCount: 20);
        var output = dir.File("run");

        // 28×28 grey images into a [3, 32, 32] network: padded and repeated into three channels.
        var train = Cli.Run(
            "train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"),
            "--epochs", "1", "--batch-size", "16", "--device", "cpu", "--out", output, "--augment", "--warmup", "0.5", "--optimizer", "adamw");

        Assert.True(train.ExitCode == ExitCodes.Success, train.Error + train.Output);
        Assert.Contains("[1, 28, 28] fitted to [3, 32, 32]", train.Output);
        Assert.Contains("top-1 error", train.Output);
        Assert.Contains("top-5 error", train.Output);
        Assert.Contains("Per-class accuracy:", train.Output);
        Assert.Contains("Confusion matrix (rows: actual, columns: predicted):", train.Output);
        foreach (var file in new[] { "metrics.jsonl", "metrics.csv", "last.ckpt", "best.ckpt", "curves.png", "confusion.csv" })
        {
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, file);
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "tensorboard")));

        var eval = Cli.Run(
            "eval", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--checkpoint", Path.Combine(output, "last.ckpt"),
            "--data", "mnist", "--data-dir", dir.File("mnist"), "--device", "cpu");

        Assert.True(eval.ExitCode == ExitCodes.Success, eval.Error + eval.Output);
        Assert.Contains("on mnist: 20 images", eval.Output);

        var resumed = Cli.Run(
            "train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"),
            "--epochs", "2", "--batch-size", "16", "--device", "cpu", "--out", output, "--optimizer", "adamw", "--resume");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error + resumed.Output);
        Assert.Contains("Training 2 epochs of 3 batches on cpu, resuming at epoch 2.", resumed.Output);
        Assert.Contains("epoch 2/2", resumed.Output);
        Assert.DoesNotContain("epoch 1/2", resumed.Output);

        var wrongNetwork = Cli.Run(
            "eval", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--checkpoint", Path.Combine(output, "last.ckpt"),
            "--data", "mnist", "--data-dir", dir.File("mnist"), "--device", "cpu");

        Assert.Equal(ExitCodes.RunFailed, wrongNetwork.ExitCode);
        Assert.StartsWith("netdsl: error: --checkpoint: '" + Path.Combine(output, "last.ckpt") + "' does not fit TinyGreyNet with 10 classes", wrongNetwork.Error);
    }

    [Fact]
    public void Eval_of_a_run_with_a_weight_average_reports_what_train_reported_of_it()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 40, testCount: 20);
        var output = dir.File("run");
        string[] data = ["--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"), "--device", "cpu", "--batch-size", "16", "--flip"];

        var train = Cli.Run(["train", .. data, "--epochs", "2", "--out", output, "--ema", "0.9"]);
        var eval = Cli.Run(["eval", .. data, "--checkpoint", Path.Combine(output, "last.ckpt")]);

        Assert.True(train.ExitCode == ExitCodes.Success, train.Error + train.Output);
        Assert.True(eval.ExitCode == ExitCodes.Success, eval.Error + eval.Output);
        var tested = Figures(train.Output, "Test: ");
        Assert.Equal(tested, Figures(eval.Output, "TinyGreyNet from "));
        Assert.DoesNotContain(tested, Cli.Run(["eval", .. data[..^1], "--checkpoint", Path.Combine(output, "last.ckpt")]).Output);

        var resumed = Cli.Run(["train", .. data, "--epochs", "3", "--out", output, "--resume"]);

        Assert.Equal(ExitCodes.RunFailed, resumed.ExitCode);
        Assert.Contains("keeping a weight average with decay 0.9 but this run keeping no weight average", resumed.Error);
    }

    /// <summary>The figures (count, loss, top-k errors) of the report line that starts with <paramref name="start"/>.</summary>
    private static string Figures(string output, string start) =>
        output.Split('\n').Single(l => l.StartsWith(start, System.StringComparison.Ordinal)).Split(": ", 2)[1].Trim();

    [Fact]
    public void Train_on_an_image_folder_decoded_to_the_networks_grey_input()
    {
        using var dir = new TempDirectory();
        TinyData.WriteImageFolder(dir.File("shades"), perClass: 6);

        var run = Cli.Run(
            "train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "shades", "--data-dir", dir.Path,
            "--epochs", "1", "--batch-size", "4", "--device", "cpu", "--out", dir.File("run"), "--schedule", "step", "--step-size", "1");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        Assert.Contains("12 training and 12 test images [1, 28, 28] fitted to [1, 28, 28]", run.Output);
        Assert.Contains("  0 dark", run.Output);
        Assert.Contains("  1 light", run.Output);
    }

    [Fact]
    public void An_image_folder_without_train_and_test_says_what_it_needs()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("flat/cats"));

        var run = Cli.Run("train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", dir.File("flat"), "--device", "cpu");

        Assert.Equal(ExitCodes.DataUnavailable, run.ExitCode);
        Assert.Contains("needs a 'train' and a 'test' (or 'val') sub-folder", run.Error);
    }

    [Fact]
    public void An_unknown_model_lists_the_zoo_and_suggests_the_nearest()
    {
        var run = Cli.Run("train", "--model", "ResNet19", "--data", "fashion-mnist");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--model: unknown model 'ResNet19'. Did you mean 'ResNet18'?", run.Error);
        Assert.Contains("Known models: AlexNet, CifarResNetA, CifarResNetB, GoogLeNet, InceptionResNetV1, InceptionResNetV2, InceptionV3, InceptionV4, LeNet5, PreActResNet164, PreActResNet18, ResNet101, ResNet152, ResNet18, ResNet34, ResNet50, VGG16, VGG19.", run.Error);
    }

    [Fact]
    public void A_missing_fashion_mnist_says_how_to_install_it()
    {
        using var dir = new TempDirectory();

        var run = Cli.Run("train", "--model", "ResNet18", "--data", "fashion-mnist", "--data-dir", dir.Path, "--device", "cpu");

        Assert.Equal(ExitCodes.DataUnavailable, run.ExitCode);
        Assert.Contains("apt-get install dataset-fashion-mnist", run.Error);
        Assert.Contains("--data-dir", run.Error);
    }

    [Fact]
    public void Mnist_without_a_data_dir_asks_for_one()
    {
        var run = Cli.Run("train", "--model", "ResNet18", "--data", "mnist", "--device", "cpu");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--data mnist needs --data-dir <folder>", run.Error);
    }

    [Fact]
    public void An_unknown_data_set_names_the_known_ones()
    {
        var run = Cli.Run("train", "--model", "ResNet18", "--data", "imagenet-not-here", "--device", "cpu");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'imagenet-not-here' is neither a known data set (fashion-mnist, mnist, cifar10, synthetic) nor a folder", run.Error);
    }

    [Fact]
    public void Rgb_data_does_not_fit_a_grey_network()
    {
        using var dir = new TempDirectory();
        TinyData.WriteCifar10(dir.Path, perFile: 2);

        var run = Cli.Run("train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "cifar10", "--data-dir", dir.Path, "--device", "cpu", "--out", dir.File("run"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--model TinyGreyNet takes 1-channel input [1, 28, 28] but the data's images are [3, 32, 32]", run.Error);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void A_class_count_other_than_the_data_sets_is_refused()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.Path, trainCount: 10, testCount: 10);

        var run = Cli.Run("train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.Path, "--classes", "5", "--device", "cpu");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--classes 5 does not match the data set, which has 10 classes", run.Error);
    }

    [Theory]
    [InlineData("--optimizer", "lamb", "--optimizer: unknown optimizer 'lamb'")]
    [InlineData("--schedule", "poly", "--schedule: unknown schedule 'poly'")]
    [InlineData("--device", "tpu", "--device: Unknown device 'tpu'")]
    [InlineData("--epochs", "0", "--epochs must be at least 1")]
    [InlineData("--label-smoothing", "1.5", "--label-smoothing must be within [0, 1]")]
    [InlineData("--ema", "1", "--ema must be within (0, 1)")]
    [InlineData("--erase", "-0.1", "--erase must be within [0, 1]")]
    [InlineData("--limit", "0", "--limit must be at least 1")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 1")]
    public void A_bad_option_value_names_the_option(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.Path, trainCount: 10, testCount: 10);

        var run = Cli.Run("train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.Path, option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void Eval_of_a_missing_checkpoint_says_where_checkpoints_come_from()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.Path, trainCount: 10, testCount: 10);

        var run = Cli.Run("eval", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--checkpoint", dir.File("none.ckpt"), "--data", "mnist", "--data-dir", dir.Path, "--device", "cpu");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--checkpoint: '" + dir.File("none.ckpt") + "' does not exist", run.Error);
    }

    [Fact]
    public void A_required_option_left_out_is_a_usage_error()
    {
        var run = Cli.Run("train", "--data", "mnist");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--model", run.Error);
    }
}
