using System;
using System.Collections.Generic;
using System.IO;
using NetDsl.Runtime.Data;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Cli.Tests.Predict;

/// <summary><c>netdsl predict</c> on an .onnx file (ONNX Runtime): metadata, symbolic sizes, unreadable images, missing normalisation.</summary>
public sealed class PredictOnnxTests
{
    private static readonly string Netdsl = Path.Combine(AppContext.BaseDirectory, "netdsl");

    /// <summary>Everything predict needs, as the exporter writes it: a grey 2×2 input, normalised with mean 0.5 and std 0.5.</summary>
    private static readonly IReadOnlyDictionary<string, string> Metadata = new PredictionMetadata
    {
        ClassNames = TinyOnnx.Classes,
        Mean = [0.5f],
        Std = [0.5f],
        Input = new ImageShape(1, 2, 2),
        DataShape = new ImageShape(1, 2, 2),
    }.ToStrings();

    [Fact]
    public void The_top_class_of_each_image_comes_from_the_onnx_file_with_its_class_names()
    {
        using var dir = new TempDirectory();
        var model = TinyOnnx.Write(dir.File("tiny.onnx"), Metadata, height: null, width: null);
        var white = TinyOnnx.WritePng(dir.File("white.png"), 255);
        TinyOnnx.WritePng(dir.File("folder/black.png"), 0);
        TinyOnnx.WritePng(dir.File("folder/sub/grey.png"), 128);

        var run = Cli.Run("predict", "--model", model, "--top", "2", white, dir.File("folder"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        var tables = Tables(run.Output, white, dir.File("folder/black.png"), dir.File("folder/sub/grey.png"));

        // white: normalised pixels are 1, so bright scores 20, middle 0 and dark −20.
        Assert.Matches(@"1\s*│\s*bright\s*│\s*100\.00 %", tables[0]);
        Assert.Matches(@"2\s*│\s*middle\s*│\s*0\.00 %", tables[0]);
        Assert.DoesNotContain("dark", tables[0]);
        Assert.Matches(@"1\s*│\s*dark\s*│\s*100\.00 %", tables[1]);

        // 128/255 normalises to 1/255 per pixel: bright 20/255 ahead of middle 0, dark −20/255.
        Assert.Matches(@"1\s*│\s*bright\s*│\s*35\.9\d %", tables[2]);
        Assert.Matches(@"2\s*│\s*middle\s*│\s*33\.2\d %", tables[2]);
    }

    [Fact]
    public void An_image_that_cannot_be_decoded_is_named_and_the_others_are_classified()
    {
        using var dir = new TempDirectory();
        var model = TinyOnnx.Write(dir.File("tiny.onnx"), Metadata);
        var black = TinyOnnx.WritePng(dir.File("images/a.png"), 0);
        var broken = dir.Write("images/b.png", "not a PNG");
        var white = TinyOnnx.WritePng(dir.File("images/c.png"), 255);

        var run = Cli.Run("predict", "--model", model, dir.File("images"));

        Assert.Equal(ExitCodes.DataUnavailable, run.ExitCode);
        Assert.Contains($"netdsl: error: '{broken}' could not be decoded as an image. Skipped it.", run.Error);
        Assert.Contains("netdsl: error: 1 of 3 image(s) could not be decoded (named above); the other 2 are classified.", run.Error);
        var tables = Tables(run.Output, black, white);
        Assert.Matches(@"1\s*│\s*dark", tables[0]);
        Assert.Matches(@"1\s*│\s*bright", tables[1]);
        Assert.DoesNotContain(broken, run.Output);
    }

    [Fact]
    public void Without_normalisation_metadata_it_asks_for_mean_and_std_and_takes_them_from_the_options()
    {
        using var dir = new TempDirectory();
        var model = TinyOnnx.Write(dir.File("bare.onnx"), new Dictionary<string, string>());
        var black = TinyOnnx.WritePng(dir.File("black.png"), 0);

        var missing = Cli.Run("predict", "--model", model, black);

        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.StartsWith($"netdsl: error: --mean and --std: '{model}' does not say how its training images were normalised (netdsl.mean, netdsl.std)", missing.Error);

        var given = Cli.Run("predict", "--model", model, "--mean", "0.5", "--std", "0.5", "--classes", "b,d,m", "--top", "1", black);

        Assert.True(given.ExitCode == ExitCodes.Success, given.Error + given.Output);
        Assert.Matches(@"1\s*│\s*d\s*│\s*100\.00 %", given.Output);

        var wrongCount = Cli.Run("predict", "--model", model, "--mean", "0.5,0.5,0.5", "--std", "0.5", black);

        Assert.Equal(ExitCodes.Usage, wrongCount.ExitCode);
        Assert.Contains("--mean: 3 value(s) for images of 1 channel(s) [1, 2, 2]", wrongCount.Error);

        var indices = Cli.Run("predict", "--model", model, "--mean", "0", "--std", "1", "--top", "1", black);

        Assert.True(indices.ExitCode == ExitCodes.Success, indices.Error + indices.Output);
        Assert.Matches(@"1\s*│\s*0\s*│\s*33\.33 %", indices.Output);
    }

    [Fact]
    public void Symbolic_sizes_without_metadata_or_input_a_fixed_batch_and_a_damaged_file_are_refused()
    {
        using var dir = new TempDirectory();
        var image = TinyOnnx.WritePng(dir.File("x.png"), 0);
        var symbolic = TinyOnnx.Write(dir.File("symbolic.onnx"), new Dictionary<string, string>(), height: null, width: null);

        var run = Cli.Run("predict", "--model", symbolic, "--mean", "0", "--std", "1", image);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--input: '" + symbolic + "' takes float [batch, 1, height, width], whose H is symbolic", run.Error);

        var sized = Cli.Run("predict", "--model", symbolic, "--mean", "0", "--std", "1", "--input", "1,2,2", image);

        Assert.True(sized.ExitCode == ExitCodes.Success, sized.Error + sized.Output);

        var batched = TinyOnnx.Write(dir.File("batched.onnx"), Metadata, batch: 4);
        var refused = Cli.Run("predict", "--model", batched, image);

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("takes a fixed batch of 4 images; export it with a dynamic batch dimension", refused.Error);

        var damaged = dir.Write("damaged.onnx", "not a protobuf");
        var unloadable = Cli.Run("predict", "--model", damaged, image);

        Assert.Equal(ExitCodes.RunFailed, unloadable.ExitCode);
        Assert.StartsWith($"netdsl: error: --model: ONNX Runtime cannot load '{damaged}': ", unloadable.Error);
    }

    [Fact]
    public void The_onnx_path_never_loads_libtorch()
    {
        using var dir = new TempDirectory();
        var model = TinyOnnx.Write(dir.File("tiny.onnx"), Metadata);
        var white = TinyOnnx.WritePng(dir.File("white.png"), 255);

        // The dynamic loader logs every library it opens, dlopen included.
        var (exitCode, output, error) = ChildProcess.Run(Netdsl, ["predict", "--model", model, white], environment: new Dictionary<string, string?> { ["LD_DEBUG"] = "files" });

        Assert.True(exitCode == ExitCodes.Success, error + output);
        Assert.Matches(@"1\s*│\s*bright", output);
        Assert.Contains("libonnxruntime.so", error);
        Assert.DoesNotContain("libtorch", error);
        Assert.DoesNotContain("LibTorchSharp", error);
    }

    /// <summary>The output cut into one part per image, checking the images come in this order.</summary>
    private static string[] Tables(string output, params string[] images)
    {
        var parts = new string[images.Length];
        var start = output.IndexOf(images[0], StringComparison.Ordinal);
        Assert.True(start >= 0, output);
        for (var i = 0; i < images.Length; i++)
        {
            var end = i + 1 < images.Length ? output.IndexOf(images[i + 1], start, StringComparison.Ordinal) : output.Length;
            Assert.True(end > start, output);
            parts[i] = output[start..end];
            start = end;
        }

        return parts;
    }
}
