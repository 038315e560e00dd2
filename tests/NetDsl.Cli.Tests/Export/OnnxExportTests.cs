using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Weights;
using NetDsl.Zoo;
using Onnx;
using Xunit;

namespace NetDsl.Cli.Tests.Export;

/// <summary><c>netdsl export --to onnx</c>: fresh and trained weights, their metadata, folding, and what it refuses without writing anything.</summary>
public sealed class OnnxExportTests
{
    [Fact]
    public void Without_weights_a_zoo_network_is_exported_freshly_initialised_and_says_so()
    {
        using var dir = new TempDirectory();
        var path = dir.File("r20.onnx");

        var run = Cli.Run("export", "cifarresneta", "--to", "onnx", "--out", path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith($"Wrote {path} (CifarResNetA with freshly initialised weights (seed 0; pass --weights or --checkpoint for trained ones)): opset 17, ", run.Output);
        Assert.Contains("input [N, 3, 32, 32], output [N, 10].", run.Output);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, model.OpsetImport.Single().Version);
        Assert.Equal("[3,32,32]", Metadata(model)["netdsl.input"]);
        Assert.Equal("[3, 32, 32]", Metadata(model)["netdsl.accepts"]);
    }

    [Fact]
    public void Weights_go_into_the_initializers_and_their_netdsl_metadata_into_the_model()
    {
        using var dir = new TempDirectory();
        var weights = dir.File("r20.safetensors");
        using (var trained = new CifarResNetA(classes: 2))
        {
            ModelWeights.Save(trained, weights, new Dictionary<string, string> { ["netdsl.classes"] = "[\"a\",\"b\"]", ["netdsl.mean"] = "[0.5]", ["other"] = "x" });
        }

        var run = Cli.Run("export", "CifarResNetA", "--to", "onnx", "--weights", weights, "--fold-bn", "--out", dir.File("r20.onnx"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"with the weights of {weights}", run.Output);
        Assert.Contains("output [N, 2]", run.Output);
        Assert.EndsWith(", batch norms folded.\n", run.Output);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(dir.File("r20.onnx")));
        var metadata = Metadata(model);
        Assert.Equal("[\"a\",\"b\"]", metadata["netdsl.classes"]);
        Assert.Equal("[0.5]", metadata["netdsl.mean"]);
        Assert.False(metadata.ContainsKey("other"));
        Assert.False(metadata.ContainsKey("netdsl.checksum"));
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "BatchNormalization");
        using var file = SafeTensorsFile.Open(weights);
        using var fcWeight = file.Read(file.Entries.Single(e => e.Name == "fc.weight"));
        Assert.Equal(fcWeight.bytes.ToArray(), model.Graph.Initializer.Single(i => i.Name == "fc.weight").RawData.ToByteArray());
    }

    [Fact]
    public void A_checkpoint_is_exported_for_the_classes_it_was_trained_on_with_its_prediction_metadata()
    {
        using var dir = new TempDirectory();
        TinyData.WriteImageFolder(dir.File("shades"), perClass: 2);
        var train = Cli.Run(
            "train", "--model", "lenet5", "--data", "shades", "--data-dir", dir.Path, "--epochs", "1", "--batch-size", "4",
            "--device", "cpu", "--out", dir.File("run"));
        Assert.True(train.ExitCode == ExitCodes.Success, train.Error + train.Output);

        var run = Cli.Run("export", "lenet5", "--to", "onnx", "--checkpoint", dir.File("run/last.ckpt"), "--out", dir.File("lenet.onnx"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        Assert.Contains("output [N, 2].", run.Output);
        var metadata = Metadata(ModelProto.Parser.ParseFrom(File.ReadAllBytes(dir.File("lenet.onnx"))));
        Assert.Equal("[\"dark\",\"light\"]", metadata["netdsl.classes"]);
        var prediction = CheckpointStore.Inspect(dir.File("run/last.ckpt")).Prediction!.ToStrings();
        Assert.Equal(5, prediction.Count);
        Assert.All(prediction, p => Assert.Equal(p.Value, metadata[p.Key]));
    }

    [Fact]
    public void Weights_that_do_not_fit_are_named_with_their_shapes_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        var weights = dir.File("r20.safetensors");
        using (var other = new CifarResNetA(classes: 5))
        {
            ModelWeights.Save(other, weights);
        }

        var run = Cli.Run("export", "CifarResNetA", "--to", "onnx", "--weights", weights, "--out", dir.File("r20.onnx"));

        Assert.Equal(ExitCodes.RunFailed, run.ExitCode);
        Assert.Contains($"--weights: '{weights}' does not fit CifarResNetA", run.Error);
        Assert.Contains("fc.weight", run.Error);
        Assert.Contains("[5, 64]", run.Error);
        Assert.False(File.Exists(dir.File("r20.onnx")));
    }

    [Fact]
    public void An_opset_too_low_names_the_layer_and_the_opset_it_needs_and_nothing_is_written()
    {
        using var dir = new TempDirectory();

        var run = Cli.Run("export", "CifarResNetA", "--to", "onnx", "--opset", "10", "--out", dir.File("r20.onnx"));

        Assert.Equal(ExitCodes.SpecErrors, run.ExitCode);
        Assert.Contains("the layer 'layer2.0.downsample' needs opset 11 or later", run.Error);
        Assert.False(File.Exists(dir.File("r20.onnx")));
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_named_and_nothing_is_left_behind()
    {
        using var dir = new TempDirectory();
        var taken = dir.File("taken.onnx");
        Directory.CreateDirectory(taken);

        var run = Cli.Run("export", "CifarResNetA", "--to", "onnx", "--out", taken);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"--out: '{taken}' cannot be written", run.Error);
        Assert.Equal([taken], Directory.GetFileSystemEntries(dir.Path));
        Assert.Empty(Directory.GetFileSystemEntries(taken));
    }

    [Fact]
    public void The_output_must_be_an_onnx_file()
    {
        using var dir = new TempDirectory();

        var run = Cli.Run("export", "CifarResNetA", "--to", "onnx", "--out", dir.File("r20"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("must name an .onnx file", run.Error);
    }

    private static Dictionary<string, string> Metadata(ModelProto model) => model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
}
