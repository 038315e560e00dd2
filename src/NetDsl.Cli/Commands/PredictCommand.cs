using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Cli.Data;
using NetDsl.Cli.Models;
using NetDsl.Cli.Prediction;
using NetDsl.Cli.Specs;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Commands;

/// <summary>
/// <c>netdsl predict --model X --checkpoint C image…</c>: the top-k classes of each image, from a generated network
/// with its checkpoint or weights (TorchSharp), or from an <c>.onnx</c> file (ONNX Runtime, no libtorch). Images are
/// fitted and normalised as in training, from the file's prediction metadata or the options.
/// </summary>
internal static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var network = new ModelOptions(context);
        var model = new Option<string>("--model") { Description = "The network: a class name (e.g. ResNet18, or one of --assembly), or an .onnx file (run by ONNX Runtime, without libtorch).", Required = true };
        var checkpoint = new Option<string?>(ModelFiles.CheckpointOption) { Description = "A checkpoint written by 'netdsl train' (last.ckpt or best.ckpt), or weights (.safetensors)." };
        var weights = new Option<string?>(ModelFiles.WeightsOption) { Description = "Weights: .safetensors (e.g. from 'netdsl train --export' or PyTorch) or TorchSharp's format." };
        var top = new Option<int>("--top") { Description = "How many of the most probable classes to print per image.", DefaultValueFactory = _ => 5 };
        var classes = new Option<string?>("--classes") { Description = "The class names in output order, comma-separated (default: the file's metadata, else class indices)." };
        var dataShape = new Option<string?>("--data-shape") { Description = "C,H,W of the training images before they were fitted to the network (default: the file's metadata, else the network's input)." };
        var mean = new Option<string?>("--mean") { Description = "The training data's per-channel mean in [0, 1] units, comma-separated (default: the file's metadata)." };
        var std = new Option<string?>("--std") { Description = "The training data's per-channel standard deviation in [0, 1] units, comma-separated (default: the file's metadata)." };
        var input = new Option<string?>("--input") { Description = "C,H,W of the network's input: sizes an .onnx file leaves symbolic (default: its metadata), or another size a network accepts." };
        var images = new Argument<string[]>("images") { Description = "Image files (PNG, JPEG, BMP, GIF, WebP) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Classify images with a trained network or an .onnx file: the top classes of each, with their probabilities.") { images };
        foreach (var option in new Option[] { model, checkpoint, weights, top, classes, dataShape, mean, std, input, network.Device, network.Assemblies })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(top) < 1)
            {
                throw new CliException(ExitCodes.Usage, "--top must be at least 1.");
            }

            var files = ImagePaths.Expand(parse.GetValue(images)!);
            var names = parse.GetValue(classes) is { } list ? Names(list) : null;
            var inputShape = Shape(parse.GetValue(input), "--input");
            var name = parse.GetValue(model)!;
            var fitting = (Data: Shape(parse.GetValue(dataShape), "--data-shape"), Mean: parse.GetValue(mean), Std: parse.GetValue(std));
            return RunGuard.Run(() =>
            {
                if (name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
                {
                    using var onnx = OpenOnnx(name, inputShape, parse.GetValue(checkpoint) ?? parse.GetValue(weights));
                    var source = $"'{name}'";
                    var pipeline = Fit(fitting, onnx.Metadata, onnx.Input, onnx.Name, source);
                    return Classify(context, onnx, pipeline, names, onnx.Metadata, source, parse.GetValue(top), files);
                }

                var (path, option) = WeightsFile(name, parse.GetValue(checkpoint), parse.GetValue(weights));
                var type = network.Catalog(parse).Find(name);
                var metadata = ModelFiles.Prediction(path, option);
                var networkInput = inputShape ?? ModelCatalog.InputShape(type);
                var fitted = Fit(fitting, metadata, networkInput, type.Name, $"'{path}'");
                using var classifier = Load(type, path, option, networkInput, names?.Count ?? metadata.ClassNames?.Count, DeviceSelection.Resolve(parse.GetValue(network.Device)!));
                return Classify(context, classifier, fitted, names, metadata, $"'{path}'", parse.GetValue(top), files);
            });
        });
        return command;
    }

    /// <summary>Classifies <paramref name="files"/> and writes a table per image; undecodable images are named on the error writer.</summary>
    /// <exception cref="CliException">An image could not be decoded (after the others are classified), or the network failed.</exception>
    private static int Classify(
        CliContext context, IImageClassifier classifier, ImagePipeline pipeline, IReadOnlyList<string>? names, PredictionMetadata metadata, string source, int top, IReadOnlyList<string> files)
    {
        var predictor = new Predictor(
            classifier,
            pipeline,
            names ?? metadata.ClassNames,
            names is null ? $"The class names of {source} ({PredictionMetadata.ClassesKey})" : "--classes",
            top);
        var unreadable = 0;
        var results = predictor.Classify(files, message =>
        {
            unreadable++;
            context.Error.WriteLine($"netdsl: error: {message} Skipped it.");
        });
        foreach (var result in results)
        {
            PredictionTable.Write(context.Output, context.Console, result);
        }

        if (unreadable > 0)
        {
            throw new CliException(
                ExitCodes.DataUnavailable,
                $"{unreadable} of {files.Count} image(s) could not be decoded (named above); the other {results.Count} are classified.");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The training's fitting and normalisation, from the training images' shape (<c>--data-shape</c>, else the
    /// metadata's, else the network's input) to <paramref name="input"/>.
    /// </summary>
    /// <exception cref="CliException">The normalisation is unknown or does not fit the channels, or the shapes cannot be reconciled.</exception>
    private static ImagePipeline Fit((ImageShape? Data, string? Mean, string? Std) given, PredictionMetadata metadata, ImageShape input, string modelName, string source)
    {
        var data = given.Data ?? metadata.DataShape ?? input;
        if (data.Channels is not (1 or 3))
        {
            throw new CliException(ExitCodes.Usage, $"--data-shape: images are read as 1 (grey) or 3 (RGB) channels, not {data}.");
        }

        return InputFit.Pipeline(
            data,
            input,
            modelName,
            Statistics(given.Mean, "--mean", metadata.Mean, data, source),
            Statistics(given.Std, "--std", metadata.Std, data, source),
            augment: false);
    }

    /// <summary>An .onnx file, run by ONNX Runtime: nothing here touches libtorch.</summary>
    private static OnnxClassifier OpenOnnx(string path, ImageShape? input, string? weights)
    {
        if (weights is not null)
        {
            throw new CliException(ExitCodes.Usage, $"--checkpoint/--weights: '{path}' carries its own weights; leave them out for an .onnx model.");
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"--model: '{path}' does not exist.");
        }

        return OnnxClassifier.Open(path, input);
    }

    /// <summary>The one <c>--checkpoint</c> or <c>--weights</c> a generated network needs, and which of the two it is.</summary>
    private static (string Path, string Option) WeightsFile(string model, string? checkpoint, string? weights)
    {
        var (path, option) = (checkpoint, weights) switch
        {
            ({ } c, null) => (c, ModelFiles.CheckpointOption),
            (null, { } w) => (w, ModelFiles.WeightsOption),
            (null, null) => throw new CliException(ExitCodes.Usage, $"--checkpoint or --weights: --model {model} needs its trained weights ('netdsl train' writes last.ckpt and best.ckpt, --export writes .safetensors)."),
            _ => throw new CliException(ExitCodes.Usage, "--checkpoint and --weights: give one of them, not both."),
        };
        return File.Exists(path) ? (path, option) : throw new CliException(ExitCodes.Usage, $"{option}: '{path}' does not exist.");
    }

    /// <summary>
    /// The generated network with its checkpoint or weights loaded, built for <paramref name="classes"/> (the class
    /// names') or else its default class count.
    /// </summary>
    private static TorchSharpClassifier Load(Type type, string path, string option, ImageShape input, int? classes, TorchSharp.torch.Device device)
    {
        var count = classes ?? ModelCatalog.DefaultClasses(type)
            ?? throw new CliException(ExitCodes.Usage, $"--classes: {type.Name} has no default class count and '{path}' names no classes; give the class names with --classes.");
        var model = ModelCatalog.Create(type, count);
        try
        {
            ModelFiles.Load(model, type.Name, count, path, option);
            return new TorchSharpClassifier(model, type.Name, input, count, device);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static IReadOnlyList<string> Names(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
        {
            throw new CliException(ExitCodes.Usage, $"--classes: '{text}' has an empty name; give the class names comma-separated, e.g. --classes cat,dog.");
        }

        return names;
    }

    private static ImageShape? Shape(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var (c, h, w) = NetworkInput.Parse(text, option);
        return new ImageShape(c, h, w);
    }

    /// <summary>The per-channel <c>--mean</c> or <c>--std</c>, else the file's, checked against the data's channels.</summary>
    private static IReadOnlyList<float> Statistics(string? text, string option, IReadOnlyList<float>? stored, ImageShape data, string source)
    {
        var values = text is null ? stored : text.Split(',', StringSplitOptions.TrimEntries).Select(part =>
            float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) && (option != "--std" || v > 0)
                ? v
                : throw new CliException(ExitCodes.Usage, $"{option}: '{part}' in '{text}' is not a {(option == "--std" ? "positive " : string.Empty)}number; give one per channel in [0, 1] units, e.g. {option} 0.5,0.5,0.5.")).ToList();
        if (values is null)
        {
            throw new CliException(
                ExitCodes.Usage,
                $"--mean and --std: {source} does not say how its training images were normalised ({PredictionMetadata.MeanKey}, {PredictionMetadata.StdKey}); give the training data's per-channel --mean and --std in [0, 1] units (Fashion-MNIST: --mean {MnistFormat.FashionMnistMean.ToString(CultureInfo.InvariantCulture)} --std {MnistFormat.FashionMnistStd.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (values.Count != data.Channels)
        {
            throw new CliException(
                ExitCodes.Usage,
                $"{option}: {values.Count} value(s) for images of {data.Channels} channel(s) {data}; give one per channel{(text is null ? $" (these are {source}'s)" : string.Empty)}, or set --data-shape.");
        }

        return values;
    }
}
