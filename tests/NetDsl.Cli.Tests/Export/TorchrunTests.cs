using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Metrics;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Weights;
using NetDsl.Zoo;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NetDsl.Cli.Tests.Export;

/// <summary>
/// The exported CIFAR ResNet-20 (CifarResNetA) trained by its train.py under torchrun with gloo on a Fashion-MNIST
/// subset, on two processes and on two "nodes" of this machine, and the weights back in .NET.
/// </summary>
public sealed class TorchrunTests(ITestOutputHelper log)
{
    private const string Network = "CifarResNetA";
    private const string Images = "192";

    // With a weight average and test-time flipping on both sides: train.py saves and validates the average, and netdsl
    // eval --flip of the saved weights must report what the run did.
    [TorchrunFact]
    public void Two_processes_train_the_exported_network_and_netdsl_eval_gets_the_accuracy_they_reported()
    {
        using var dir = new TempDirectory();
        var trainer = Export(dir);
        var run = dir.File("run");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exitCode, output) = Torchrun.Standalone(2, trainer, "--data", "fashion-mnist", "--limit", Images, "--epochs", "2", "--batch-size", "32", "--ema", "0.9", "--flip", "--out", run).Finish();

        log.WriteLine($"torchrun --standalone --nproc_per_node=2: {clock.Elapsed.TotalSeconds:F1} s\n{output}");
        Assert.True(exitCode == 0, output);
        AssertIdenticalRanks(run);
        var epochs = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, epochs.Count);
        Assert.All(epochs, e => Assert.Equal(Shape(DotNetEpochLine()), Shape(e)));
        var validation = epochs[^1].GetProperty("validation");

        using (var weights = SafeTensorsFile.Open(Path.Combine(run, "final.safetensors")))
        {
            Assert.Equal(
                new Dictionary<string, string>
                {
                    ["model"] = Network,
                    ["classes"] = "10",
                    ["data"] = "fashion-mnist",
                    ["epochs"] = "2",
                    ["test_top1_error"] = validation.GetProperty("top1_error").GetDouble().ToString("R", CultureInfo.InvariantCulture),
                },
                weights.Metadata.Where(m => !m.Key.StartsWith("netdsl.", StringComparison.Ordinal)).ToDictionary());
            var prediction = PredictionMetadata.FromStrings(weights.Metadata, "final.safetensors");
            Assert.Equal(MnistFormat.FashionMnistClasses, prediction.ClassNames!);
            Assert.Equal([MnistFormat.FashionMnistMean], prediction.Mean!);
            Assert.Equal([MnistFormat.FashionMnistStd], prediction.Std!);
            Assert.Equal(new ImageShape(3, 32, 32), prediction.Input);
            Assert.Equal(new ImageShape(1, 28, 28), prediction.DataShape);
        }

        // netdsl predict reads the class names and normalisation train.py wrote.
        var image = Predict.TinyOnnx.WritePng(dir.File("grey.png"), 120, size: 28);
        var predict = Cli.Run("predict", "--model", Network, "--weights", Path.Combine(run, "final.safetensors"), "--top", "10", "--device", "cpu", image);

        Assert.True(predict.ExitCode == ExitCodes.Success, predict.Error + predict.Output);
        Assert.All(MnistFormat.FashionMnistClasses, name => Assert.Contains(" " + name + " ", predict.Output));

        var eval = Cli.Run("eval", "--model", Network, "--checkpoint", Path.Combine(run, "final.safetensors"), "--data", "fashion-mnist", "--limit", Images, "--device", "cpu", "--flip");

        Assert.Equal(ExitCodes.Success, eval.ExitCode);
        var report = Regex.Match(eval.Output, @"on fashion-mnist: (\d+) images, loss ([0-9.]+), top-1 error ([0-9.]+ %), (?:top-3 error [0-9.]+ %, )?top-5 error ([0-9.]+ %)");
        Assert.True(report.Success, eval.Output);
        Assert.Equal(
            (validation.GetProperty("count").GetInt32().ToString(CultureInfo.InvariantCulture), Percent(validation, "top1_error"), Percent(validation, "top5_error")),
            (report.Groups[1].Value, report.Groups[3].Value, report.Groups[4].Value));
        Assert.Equal(validation.GetProperty("loss").GetDouble(), double.Parse(report.Groups[2].Value, CultureInfo.InvariantCulture), 1e-4);
    }

    [TorchrunFact]
    public void Two_nodes_on_loopback_start_from_weights_written_by_dotnet()
    {
        using var dir = new TempDirectory();
        var trainer = Export(dir);
        var start = dir.File("dotnet.safetensors");
        torch.manual_seed(3);
        using (var model = new CifarResNetA())
        {
            ModelWeights.Save(model, start, new Dictionary<string, string> { ["written_by"] = "NetDsl" });
        }

        // A learning rate of 0 keeps every parameter at its loaded value, so the final weights show what was loaded;
        // the batch norms' running statistics still move.
        string[] arguments = ["--data", "fashion-mnist", "--limit", "64", "--epochs", "1", "--batch-size", "32", "--lr", "0", "--weights", start, "--out", dir.File("run")];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (node0, node1) = Torchrun.TwoNodes(trainer, arguments, arguments);
        var (first, second) = (node0.Finish(), node1.Finish());

        log.WriteLine($"torchrun --nnodes=2 --nproc_per_node=1 on 127.0.0.1: {clock.Elapsed.TotalSeconds:F1} s\n{first.Output}{second.Output}");
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Output + second.Output);
        AssertIdenticalRanks(dir.File("run"));
        using var loaded = SafeTensorsFile.Open(start);
        using var final = SafeTensorsFile.Open(Path.Combine(dir.File("run"), "final.safetensors"));
        var (before, after) = (loaded.ReadAll(), final.ReadAll());
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before.Keys.Where(k => !k.Contains("running_", StringComparison.Ordinal) && !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)), k => Assert.True(before[k].allclose(after[k], rtol: 0, atol: 0), k));
        Assert.False(before["bn1.running_mean"].allclose(after["bn1.running_mean"], rtol: 0, atol: 0));
    }

    [TorchrunFact]
    public void Data_missing_on_one_node_stops_every_rank_with_the_message()
    {
        using var dir = new TempDirectory();
        var trainer = Export(dir);
        var empty = Directory.CreateDirectory(dir.File("empty")).FullName;
        string[] common = ["--data", "fashion-mnist", "--limit", "32", "--epochs", "1", "--out", dir.File("run")];

        var (node0, node1) = Torchrun.TwoNodes(trainer, common, [.. common, "--data-dir", empty]);
        var (first, second) = (node0.Finish(), node1.Finish());

        log.WriteLine(first.Output + second.Output);
        var message = $"train.py: error: rank 1: Neither 'train-images-idx3-ubyte' nor 'train-images-idx3-ubyte.gz' is in '{empty}'.";
        Assert.True(first.ExitCode != 0 && first.Output.Contains(message, StringComparison.Ordinal), first.Output);
        Assert.True(second.ExitCode != 0 && second.Output.Contains(message, StringComparison.Ordinal), second.Output);
        Assert.False(File.Exists(Path.Combine(dir.File("run"), "final.safetensors")));
    }

    [TorchrunFact]
    public void Weights_that_do_not_fit_stop_every_rank_naming_the_keys()
    {
        using var dir = new TempDirectory();
        var trainer = Export(dir);
        var other = dir.File("resnet20b.safetensors");
        using (var model = new CifarResNetB())
        {
            ModelWeights.Save(model, other);
        }

        var (exitCode, output) = Torchrun.Standalone(2, trainer, "--data", "fashion-mnist", "--limit", "32", "--epochs", "1", "--weights", other, "--out", dir.File("run")).Finish();

        log.WriteLine(output);
        Assert.NotEqual(0, exitCode);
        var message = $"train.py: error: rank 0: --weights: '{other}' does not fit {Network}: 12 file key(s) are not in the model: 'layer2.0.downsample.0.weight', 'layer2.0.downsample.1.weight', ";
        Assert.Equal(2, Regex.Matches(output, Regex.Escape(message)).Count);
    }

    private static string Export(TempDirectory dir)
    {
        var run = Cli.Run("export", Network, "--to", "pytorch", "--out", dir.File("export"));
        Assert.True(run.ExitCode == 0, run.Error);
        return Path.Combine(dir.File("export"), "train.py");
    }

    private static void AssertIdenticalRanks(string run)
    {
        using var ranks = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "ranks.json")));
        Assert.Equal(2, ranks.RootElement.GetProperty("world_size").GetInt32());
        var digests = ranks.RootElement.GetProperty("state_dict_sha256").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal(2, digests.Count);
        Assert.Equal(digests[0], digests[1]);
    }

    /// <summary>An epoch line as netdsl train's <see cref="MetricsLog"/> writes it.</summary>
    private static JsonElement DotNetEpochLine()
    {
        using var dir = new TempDirectory();
        var metrics = new MetricsSummary(0.5, 0.75, [new TopKError(1, 0.25), new TopKError(5, 0.0)], [1.0, double.NaN], 4);
        new MetricsLog(dir.Path).OnEpoch(new EpochReport(0, metrics, metrics, 0.1, 1.0, 4.0, 0.0, true, null));
        return JsonDocument.Parse(File.ReadAllLines(Path.Combine(dir.Path, "metrics.jsonl")).Single()).RootElement.Clone();
    }

    /// <summary>A record's property names, in order, and each value's kind (a NaN is the string "NaN" in both), recursively.</summary>
    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape).Distinct()) + "]",
        JsonValueKind.String when element.GetString() == "NaN" => "Number",
        JsonValueKind.True or JsonValueKind.False => "Boolean",
        _ => element.ValueKind.ToString(),
    };

    private static string Percent(JsonElement validation, string name) =>
        validation.GetProperty(name).GetDouble().ToString("P2", CultureInfo.InvariantCulture);
}
