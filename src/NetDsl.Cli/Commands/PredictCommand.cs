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
            return RunGuard.Run(() =>
            {
                var (classifier, metadata, source) = name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
                    ? OpenOnnx(name, inputShape, parse.GetValue(checkpoint) ?? parse.GetValue(weights))
                    : OpenTorchSharp(parse, network, name, parse.GetValue(checkpoint), parse.GetValue(weights), inputShape, names?.Count);
                using (classifier)
                {
                    var data = Shape(parse.GetValue(dataShape), "--data-shape") ?? metadata.DataShape ?? classifier.Input;
                    var pipeline = InputFit.Pipeline(
                        data,
                        classifier.Input,
                        classifier.Name,
                        Statistics(parse.GetValue(mean), "--mean", metadata.Mean, data, source),
                        Statistics(parse.GetValue(std), "--std", metadata.Std, data, source),
                        augment: false);
                    var predictor = new Predictor(
                        classifier,
                        pipeline,
                        names ?? metadata.ClassNames,
                        names is null ? $"The class names of {source} ({PredictionMetadata.ClassesKey})" : "--classes",
                        parse.GetValue(top));
                    var unreadable = 0;
                    var results = predictor.Classify(files, message =>
                    {
                        unreadable++;
                        context.Error.WriteLine($"netdsl: error: {message} Skipped it.");
                    });
                    foreach (var result in results)
                    {
                        PredictionTable.Write(context.Console, result);
                    }

                    if (unreadable > 0)
                    {
                        throw new CliException(
                            ExitCodes.DataUnavailable,
                            $"{unreadable} of {files.Count} image(s) could not be decoded (named above); the other {results.Count} are classified.");
                    }

                    return ExitCodes.Success;
                }
            });
        });
        return command;
    }

    /// <summary>An .onnx file, run by ONNX Runtime: nothing here touches libtorch.</summary>
    private static (IImageClassifier Classifier, PredictionMetadata Metadata, string Source) OpenOnnx(string path, ImageShape? input, string? weights)
    {
        if (weights is not null)
        {
            throw new CliException(ExitCodes.Usage, $"--checkpoint/--weights: '{path}' carries its own weights; leave them out for an .onnx model.");
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"--model: '{path}' does not exist.");
        }

        var classifier = OnnxClassifier.Open(path, input);
        return (classifier, classifier.Metadata, $"'{path}'");
    }

    /// <summary>A generated network with its checkpoint or weights loaded.</summary>
    private static (IImageClassifier Classifier, PredictionMetadata Metadata, string Source) OpenTorchSharp(
        ParseResult parse, ModelOptions network, string name, string? checkpoint, string? weights, ImageShape? input, int? namedClasses)
    {
        var (path, option) = (checkpoint, weights) switch
        {
            ({ } c, null) => (c, ModelFiles.CheckpointOption),
            (null, { } w) => (w, ModelFiles.WeightsOption),
            (null, null) => throw new CliException(ExitCodes.Usage, $"--checkpoint or --weights: --model {name} needs its trained weights ('netdsl train' writes last.ckpt and best.ckpt, --export writes .safetensors)."),
            _ => throw new CliException(ExitCodes.Usage, "--checkpoint and --weights: give one of them, not both."),
        };
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"{option}: '{path}' does not exist.");
        }

        var type = network.Catalog(parse).Find(name);
        var metadata = ModelFiles.Prediction(path, option);
        var classes = namedClasses ?? metadata.ClassNames?.Count ?? ModelCatalog.DefaultClasses(type)
            ?? throw new CliException(ExitCodes.Usage, $"--classes: {type.Name} has no default class count and '{path}' names no classes; give the class names with --classes.");
        var model = ModelCatalog.Create(type, classes);
        try
        {
            ModelFiles.Load(model, type.Name, classes, path, option);
            var device = DeviceSelection.Resolve(parse.GetValue(network.Device)!);
            return (new TorchSharpClassifier(model, type.Name, input ?? ModelCatalog.InputShape(type), classes, device), metadata, $"'{path}'");
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
