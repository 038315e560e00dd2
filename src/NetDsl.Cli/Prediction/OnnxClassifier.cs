using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Prediction;

/// <summary>
/// An <c>.onnx</c> classifier run by ONNX Runtime on the CPU, without libtorch: one float input <c>[N, C, H, W]</c>,
/// the first output logits <c>[N, classes]</c> (turned into probabilities here). Symbolic C, H and W dimensions take
/// their size from <c>--input</c> or the file's <c>netdsl.input</c>; a symbolic or 1 batch dimension is accepted.
/// </summary>
internal sealed class OnnxClassifier : IImageClassifier
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;

    private OnnxClassifier(InferenceSession session, string path, string inputName, string outputName, ImageShape input, int? batchLimit, int? classes, PredictionMetadata metadata)
    {
        _session = session;
        _inputName = inputName;
        _outputName = outputName;
        Name = path;
        Input = input;
        BatchLimit = batchLimit;
        Classes = classes;
        Metadata = metadata;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ImageShape Input { get; }

    /// <inheritdoc />
    public int? BatchLimit { get; }

    /// <inheritdoc />
    public int? Classes { get; }

    /// <summary>The prediction metadata of the file's <c>metadata_props</c>.</summary>
    public PredictionMetadata Metadata { get; }

    /// <summary>Opens <paramref name="path"/> and works out its input, taking symbolic sizes from <paramref name="input"/> or the file's metadata.</summary>
    /// <exception cref="CliException">ONNX Runtime cannot load the file, or its input or output is not an image classifier's.</exception>
    public static OnnxClassifier Open(string path, ImageShape? input)
    {
        InferenceSession session;
        try
        {
            session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CliException(ExitCodes.RunFailed, $"--model: ONNX Runtime cannot load '{path}': {e.Message}", e);
        }

        try
        {
            var metadata = PredictionMetadata.FromStrings(session.ModelMetadata.CustomMetadataMap, $"'{path}'");
            var (inputName, shape, batchLimit) = InputOf(session, path, input ?? metadata.Input);
            var (outputName, classes) = OutputOf(session, path);
            return new OnnxClassifier(session, path, inputName, outputName, shape, batchLimit, classes, metadata);
        }
        catch (CliException)
        {
            session.Dispose();
            throw;
        }
        catch (InvalidDataException e)
        {
            session.Dispose();
            throw new CliException(ExitCodes.RunFailed, "--model: " + e.Message, e);
        }
    }

    /// <inheritdoc />
    public float[][] Probabilities(float[] images, int count)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(images, [count, Input.Channels, Input.Height, Input.Width]);
        using var options = new RunOptions();
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(options, [_inputName], [value], [_outputName]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CliException(ExitCodes.RunFailed, $"--model: ONNX Runtime failed to run '{Name}' on {count} image(s) {Input}: {e.Message}", e);
        }

        using (outputs)
        {
            var output = outputs[0];
            var shape = output.GetTensorTypeAndShape().Shape;
            if (shape.Length != 2 || shape[0] != count || shape[1] < 1 || (Classes is { } classes && shape[1] != classes))
            {
                throw new CliException(ExitCodes.RunFailed, $"--model: '{Name}' returned [{string.Join(", ", shape)}] for {count} image(s), not [{count}, classes] logits.");
            }

            var logits = output.GetTensorDataAsSpan<float>();
            var width = (int)shape[1];
            var rows = new float[count][];
            for (var i = 0; i < count; i++)
            {
                rows[i] = Softmax(logits.Slice(i * width, width));
            }

            return rows;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static (string Name, ImageShape Shape, int? BatchLimit) InputOf(InferenceSession session, string path, ImageShape? given)
    {
        if (session.InputMetadata.Count != 1)
        {
            throw new CliException(ExitCodes.Usage, $"--model: '{path}' has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); an image classifier has one, [N, C, H, W].");
        }

        var (name, node) = session.InputMetadata.Single();
        if (!node.IsTensor || node.ElementType != typeof(float) || node.Dimensions.Length != 4)
        {
            throw new CliException(ExitCodes.Usage, $"--model: '{path}''s input '{name}' is {Describe(node)}; an image classifier takes a float tensor [N, C, H, W].");
        }

        var dims = node.Dimensions;
        if (dims[0] > 1)
        {
            throw new CliException(ExitCodes.Usage, $"--model: '{path}' takes a fixed batch of {dims[0]} images; export it with a dynamic batch dimension (or a batch of 1) to classify images one file at a time.");
        }

        var wanted = given is { } g ? new[] { g.Channels, g.Height, g.Width } : null;
        var names = new[] { "C", "H", "W" };
        var sizes = new int[3];
        for (var d = 0; d < 3; d++)
        {
            var fixedSize = dims[d + 1];
            if (fixedSize > 0)
            {
                if (wanted is not null && wanted[d] != fixedSize)
                {
                    throw new CliException(ExitCodes.Usage, $"--input: '{path}' takes {Describe(node)}, so {names[d]} is {fixedSize}, not {wanted[d]}; leave --input out or match it.");
                }

                sizes[d] = fixedSize;
            }
            else
            {
                sizes[d] = wanted?[d] ?? throw new CliException(
                    ExitCodes.Usage,
                    $"--input: '{path}' takes {Describe(node)}, whose {names[d]} is symbolic, and the file has no {PredictionMetadata.InputKey} metadata; give the size it was trained at, e.g. --input 3,224,224.");
            }
        }

        return (name, new ImageShape(sizes[0], sizes[1], sizes[2]), dims[0] == 1 ? 1 : null);
    }

    private static (string Name, int? Classes) OutputOf(InferenceSession session, string path)
    {
        var name = session.OutputNames[0];
        var node = session.OutputMetadata[name];
        if (!node.IsTensor || node.ElementType != typeof(float) || node.Dimensions.Length != 2)
        {
            throw new CliException(ExitCodes.Usage, $"--model: '{path}''s first output '{name}' is {Describe(node)}; an image classifier's first output is float logits [N, classes].");
        }

        return (name, node.Dimensions[1] > 0 ? node.Dimensions[1] : null);
    }

    private static string Describe(NodeMetadata node) => node.IsTensor
        ? $"{(node.ElementType == typeof(float) ? "float" : node.ElementType.Name)} [{string.Join(", ", node.Dimensions.Select((d, i) => d > 0 ? d.ToString(CultureInfo.InvariantCulture) : Symbol(node, i)))}]"
        : $"a {node.OnnxValueType} value";

    private static string Symbol(NodeMetadata node, int index) =>
        index < node.SymbolicDimensions.Length && node.SymbolicDimensions[index] is { Length: > 0 } symbol ? symbol : "?";

    private static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        var exps = new float[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            exps[i] = MathF.Exp(logits[i] - max);
            sum += exps[i];
        }

        for (var i = 0; i < exps.Length; i++)
        {
            exps[i] = (float)(exps[i] / sum);
        }

        return exps;
    }
}
