using System.Collections.Generic;
using System.IO;
using Google.Protobuf;
using Onnx;
using SkiaSharp;

namespace NetDsl.Cli.Tests.Predict;

/// <summary>
/// Writes a tiny ONNX classifier, Flatten then Gemm, with weights chosen so the top class is known: over a grey
/// [1, 2, 2] input, class "bright" scores 5 × the sum of the normalised pixels, "dark" −5 × it and "middle" 0.
/// </summary>
internal static class TinyOnnx
{
    public static readonly string[] Classes = ["bright", "dark", "middle"];

    /// <summary>Writes the model; <paramref name="batch"/>, <paramref name="height"/> and <paramref name="width"/> are fixed sizes, or null for symbolic ones.</summary>
    public static string Write(string path, IReadOnlyDictionary<string, string> metadata, long? batch = null, long? height = 2, long? width = 2)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(Value("images", Dim(batch, "batch"), Dim(1, "channels"), Dim(height, "height"), Dim(width, "width")));
        graph.Output.Add(Value("logits", Dim(batch, "batch"), Dim(3, "classes")));
        var weights = new TensorProto { Name = "weight", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 3, 4 } };
        weights.FloatData.Add([5, 5, 5, 5, -5, -5, -5, -5, 0, 0, 0, 0]);
        var bias = new TensorProto { Name = "bias", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 3 } };
        bias.FloatData.Add([0, 0, 0]);
        graph.Initializer.Add(weights);
        graph.Initializer.Add(bias);
        graph.Node.Add(new NodeProto
        {
            OpType = "Flatten",
            Input = { "images" },
            Output = { "flat" },
            Attribute = { new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 } },
        });
        graph.Node.Add(new NodeProto
        {
            OpType = "Gemm",
            Input = { "flat", "weight", "bias" },
            Output = { "logits" },
            Attribute = { new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 } },
        });
        var model = new ModelProto { IrVersion = 8, ProducerName = "netdsl-tests", Graph = graph, OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = 13 } } };
        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    /// <summary>A PNG of one grey level.</summary>
    public static string WritePng(string path, byte level, int size = 6)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(new SKColor(level, level, level));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
        return path;
    }

    private static TensorShapeProto.Types.Dimension Dim(long? size, string name) =>
        size is { } value ? new TensorShapeProto.Types.Dimension { DimValue = value } : new TensorShapeProto.Types.Dimension { DimParam = name };

    private static ValueInfoProto Value(string name, params TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(dims);
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
