using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary>Top-k errors from the command line, ensembles of checkpoints of different networks, and comparing runs.</summary>
public sealed class EnsembleAndCompareTests
{
    private static readonly string TestAssembly = typeof(EnsembleAndCompareTests).Assembly.Location;

    [Fact]
    public void Train_reports_the_top_k_errors_asked_for_everywhere_then_an_ensemble_of_two_networks_and_a_comparison()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 40, testCount: 20);
        var (grey, rgb) = (dir.File("grey"), dir.File("rgb"));
        foreach (var (model, folder) in new[] { ("TinyGreyNet", grey), ("TinyRgbNet", rgb) })
        {
            var train = Cli.Run(
                "train", "--model", model, "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"),
                "--epochs", "2", "--batch-size", "16", "--device", "cpu", "--out", folder, "--top-k", "2, 1");
            Assert.True(train.ExitCode == ExitCodes.Success, train.Error + train.Output);
            Assert.Contains("val top-1/2 err ", train.Output);
            Assert.Contains(", top-1 error ", train.Output);
            Assert.Contains(", top-2 error ", train.Output);
            Assert.DoesNotContain("top-5", train.Output);
        }

        var header = File.ReadLines(Path.Combine(grey, "metrics.csv")).First();
        Assert.Contains("train_top1_error,train_top2_error,val_loss,val_accuracy,val_top1_error,val_top2_error,learning_rate", header);
        Assert.Contains("\"top2_error\":", File.ReadLines(Path.Combine(grey, "metrics.jsonl")).First());

        var eval = Cli.Run(
            "eval", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"), "--device", "cpu",
            "--model", "TinyGreyNet", "--checkpoint", Path.Combine(grey, "best.ckpt"),
            "--model", "TinyRgbNet", "--checkpoint", Path.Combine(rgb, "last.ckpt"));

        Assert.True(eval.ExitCode == ExitCodes.Success, eval.Error + eval.Output);
        Assert.Contains("Ensemble of 2 networks on mnist (20 test images), averaging their softmax outputs:", eval.Output);
        Assert.Contains("| member ", eval.Output);
        Assert.Contains("| top-1 error | top-3 error | top-5 error |", eval.Output);
        Assert.Matches(Regex.Escape(Path.Combine(grey, "best.ckpt")) + @" +\| TinyGreyNet \| +\d\.\d{4} \| +\d+\.\d\d % \|", eval.Output);
        Assert.Matches(Regex.Escape(Path.Combine(rgb, "last.ckpt")) + @" +\| TinyRgbNet  \| +\d\.\d{4} \| +\d+\.\d\d % \|", eval.Output);
        Assert.Matches(@"\| ensemble \(mean of 2 softmax outputs\) +\| +\| +\d\.\d{4} \|", eval.Output);
        Assert.Contains("The ensemble's top-1 error is ", eval.Output);
        Assert.Contains("The ensemble of 2 on mnist: 20 images", eval.Output);
        Assert.Contains("Confusion matrix", eval.Output);

        var picture = dir.File("compare/curves.png");
        var compare = Cli.Run("compare", grey, rgb, "--out", picture, "--x", "time", "--k", "2");

        Assert.True(compare.ExitCode == ExitCodes.Success, compare.Error + compare.Output);
        var lines = compare.Output.Split('\n');
        Assert.StartsWith("| run  | epochs | wall time | final train top-1 | final val loss | final val top-1 | final val top-2 | best val top-1 (epoch) |", lines[0]);
        Assert.StartsWith("| grey |      2 |", lines[2]);
        Assert.StartsWith("| rgb  |      2 |", lines[3]);
        Assert.Contains($"Wrote the training and validation top-2 error of 2 runs to {picture}.", compare.Output);
        using var bitmap = SkiaSharp.SKBitmap.Decode(picture);
        Assert.Equal(1280, bitmap.Width);
    }

    [Theory]
    [InlineData(new[] { "--top-k", "1,0" }, "--top-k: '0' in '1,0' is not a k of 1 or more; give a comma-separated list such as 1,3,5.")]
    [InlineData(new[] { "--top-k", "one" }, "--top-k: 'one' in 'one' is not a k of 1 or more")]
    [InlineData(new[] { "--model", "TinyRgbNet" }, "--model: this command takes one network, not 2 (TinyGreyNet, TinyRgbNet).")]
    public void Bad_train_options_are_usage_errors(string[] extra, string message)
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 8, testCount: 4);

        var run = Cli.Run([
            "train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"),
            "--epochs", "1", "--device", "cpu", "--out", dir.File("run"), .. extra]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void An_ensemble_needs_one_model_for_all_checkpoints_or_one_each()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 8, testCount: 4);
        foreach (var name in new[] { "a.ckpt", "b.ckpt", "c.ckpt" })
        {
            File.WriteAllText(dir.File(name), "not read");
        }

        var run = Cli.Run(
            "eval", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"), "--device", "cpu",
            "--model", "TinyGreyNet", "--model", "TinyRgbNet", "--checkpoint", dir.File("a.ckpt"), "--checkpoint", dir.File("b.ckpt"), "--checkpoint", dir.File("c.ckpt"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("netdsl: error: --model: give one --model for all 3 checkpoints, or one per --checkpoint in the same order; got 2.\n", run.Error);
    }

    [Fact]
    public void Compare_says_which_run_it_cannot_read_and_which_pictures_it_draws()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("empty"));

        var notARun = Cli.Run("compare", dir.File("empty"));
        var badPicture = Cli.Run("compare", dir.File("empty"), "--out", dir.File("curves.jpg"));
        var labels = Cli.Run("compare", dir.File("empty"), dir.File("empty"), "--label", "one");

        Assert.Equal(ExitCodes.Usage, notARun.ExitCode);
        Assert.Contains("has no metrics.jsonl; is it the --out folder of a training run?", notARun.Error);
        Assert.Contains("--out: '" + dir.File("curves.jpg") + "' must end in .png or .svg.", badPicture.Error);
        Assert.Contains("--label: give one --label per run (2), or none; got 1.", labels.Error);
    }
}
