using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using TorchSharp;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary>Transfer learning from the command line: export, load with a new head, freeze, fine-tune, evaluate.</summary>
public sealed class TransferTests
{
    private static readonly string TestAssembly = typeof(TransferTests).Assembly.Location;

    [Fact]
    public void A_network_trained_on_one_data_set_is_fine_tuned_on_another_with_a_new_head_and_a_frozen_body()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 40, testCount: 20);
        TinyData.WriteImageFolder(dir.File("shades"), perClass: 6);
        var pretrained = dir.File("pretrained.safetensors");
        var tuned = dir.File("tuned.safetensors");

        var pretrain = Cli.Run(
            "train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"),
            "--epochs", "1", "--batch-size", "16", "--device", "cpu", "--out", dir.File("pretrain"), "--export", pretrained);
        Assert.True(pretrain.ExitCode == ExitCodes.Success, pretrain.Error + pretrain.Output);
        Assert.Contains($"Exported the weights to {pretrained}.", pretrain.Output);

        var tune = Cli.Run(
            "train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "shades", "--data-dir", dir.Path,
            "--epochs", "2", "--batch-size", "4", "--device", "cpu", "--out", dir.File("tune"),
            "--weights", pretrained, "--weights-skip", "fc.*", "--freeze", "*", "--unfreeze", "fc.*", "--lr-group", "fc.*=10", "--export", tuned);
        Assert.True(tune.ExitCode == ExitCodes.Success, tune.Error + tune.Output);
        Assert.Contains($"Loaded 12 tensors from {pretrained}; kept the model's own fc.weight, fc.bias.", tune.Output);
        Assert.Contains("Training 2 of 8 parameter tensors; 6 are frozen.", tune.Output);

        using var before = SafeTensorsFile.Open(pretrained);
        using var after = SafeTensorsFile.Open(tuned);
        var parameters = after.Entries.Where(e => e.DType == torch.ScalarType.Float32 && !e.Name.Contains("running")).Select(e => e.Name).ToList();
        foreach (var name in parameters.Where(n => !n.StartsWith("fc.", System.StringComparison.Ordinal)))
        {
            using var old = before.Read(before.Entries.Single(e => e.Name == name));
            using var @new = after.Read(after.Entries.Single(e => e.Name == name));
            Assert.True(old.equal(@new).all().item<bool>(), name + " changed although it was frozen");
        }

        Assert.Equal([2L, 16L], after.Entries.Single(e => e.Name == "fc.weight").Shape);
        Assert.Equal("TinyRgbNet", after.Metadata["model"]);
        Assert.Equal("2", after.Metadata["classes"]);

        var eval = Cli.Run(
            "eval", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--checkpoint", tuned, "--data", "shades", "--data-dir", dir.Path, "--device", "cpu");
        Assert.True(eval.ExitCode == ExitCodes.Success, eval.Error + eval.Output);
        Assert.Contains("on shades: 12 images", eval.Output);
    }

    [Fact]
    public void Weights_for_another_head_without_skip_name_both_shapes_and_the_fix()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 20, testCount: 10);
        TinyData.WriteImageFolder(dir.File("shades"), perClass: 2);
        var pretrained = dir.File("pretrained.safetensors");
        Assert.Equal(ExitCodes.Success, Cli.Run(
            "train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"),
            "--epochs", "1", "--device", "cpu", "--out", dir.File("pretrain"), "--export", pretrained).ExitCode);

        var run = Cli.Run(
            "train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "shades", "--data-dir", dir.Path,
            "--epochs", "1", "--device", "cpu", "--out", dir.File("tune"), "--weights", pretrained);

        Assert.Equal(ExitCodes.RunFailed, run.ExitCode);
        Assert.Contains("--weights: '" + pretrained + "' does not fit TinyRgbNet", run.Error);
        Assert.Contains("'fc.weight' is [10, 16] in the file but [2, 16] in the model", run.Error);
        Assert.Contains("'fc.*'", run.Error);
    }

    [Theory]
    [InlineData("--lr-group", "fc.*", "--lr-group: 'fc.*' is not PATTERN=SCALE with a positive scale")]
    [InlineData("--freeze", "classifier.*", "--freeze: No parameter matches 'classifier.*'. Parameter names look like: tinyBody.conv1.weight")]
    [InlineData("--weights", "/nonexistent/w.safetensors", "--weights: Weights file '/nonexistent/w.safetensors' does not exist.")]
    public void Bad_transfer_options_are_usage_errors_that_say_what_is_wrong(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        TinyData.WriteImageFolder(dir.File("shades"), perClass: 2);

        var run = Cli.Run(
            "train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "shades", "--data-dir", dir.Path,
            "--epochs", "1", "--device", "cpu", "--out", dir.File("run"), option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }
}
