using System.IO;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary>A damaged checkpoint or weights file never produces an evaluation, a resumed run or a fine-tuning start.</summary>
public sealed class DamagedFileTests
{
    private static readonly string TestAssembly = typeof(DamagedFileTests).Assembly.Location;

    [Fact]
    public void Kilobytes_changed_in_the_middle_of_a_file_are_refused_by_eval_resume_and_weights()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: 40, testCount: 20);
        var run = dir.File("run");
        string[] common = ["--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"), "--device", "cpu"];
        var train = Cli.Run(["train", .. common, "--epochs", "1", "--batch-size", "16", "--out", run, "--export", dir.File("w.safetensors")]);
        Assert.True(train.ExitCode == ExitCodes.Success, train.Error + train.Output);
        var last = Path.Combine(run, "last.ckpt");
        Scramble(last);
        Scramble(dir.File("w.safetensors"));

        var eval = Cli.Run(["eval", .. common, "--checkpoint", last]);
        var resume = Cli.Run(["train", .. common, "--epochs", "2", "--batch-size", "16", "--out", run, "--resume"]);
        var weights = Cli.Run(["train", .. common, "--epochs", "1", "--out", dir.File("tuned"), "--weights", dir.File("w.safetensors")]);

        Assert.Equal(ExitCodes.RunFailed, eval.ExitCode);
        Assert.Equal($"netdsl: error: --checkpoint: '{last}' is damaged: the model section's checksum does not match; the file was changed after it was written. Nothing was loaded from it.\n", eval.Error);
        Assert.DoesNotContain("top-1 error", eval.Output);
        Assert.Equal(ExitCodes.RunFailed, resume.ExitCode);
        Assert.StartsWith($"netdsl: error: --resume: '{last}' is damaged: the model section's checksum does not match", resume.Error);
        Assert.Contains("best.ckpt holds the best epoch: copy it over last.ckpt", resume.Error);
        Assert.Equal(ExitCodes.RunFailed, weights.ExitCode);
        Assert.StartsWith($"netdsl: error: --weights: '{dir.File("w.safetensors")}' is damaged: the tensor data's checksum does not match", weights.Error);
    }

    /// <summary>Overwrites 2 KiB around the middle of the file's second half (tensor data in both formats) with other bytes.</summary>
    private static void Scramble(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = (bytes.Length / 2) + (bytes.Length / 8);
        for (var i = start; i < System.Math.Min(start + 2048, bytes.Length - 64); i++)
        {
            bytes[i] = (byte)~bytes[i];
        }

        File.WriteAllBytes(path, bytes);
    }
}
