using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using NetDsl.Language.Backends.Onnx;
using NetDsl.Runtime.Data;
using Onnx;

namespace NetDsl.Runtime.Export;

/// <summary>An <see cref="OnnxGraph"/> with its initializers' bytes as OnnxSharp's <see cref="ModelProto"/>, ready to serialise.</summary>
internal static class OnnxModel
{
    /// <summary>The metadata key of the inputs the network accepts, as the spec writes them.</summary>
    public const string AcceptsKey = "netdsl.accepts";

    /// <summary>The first IR version in which an initializer need not be a graph input.</summary>
    private const int InitializersNeedNoInput = 4;

    /// <summary>The model; it wraps the weights' arrays without copying them, so they must not change until it is written.</summary>
    public static ModelProto Build(OnnxGraph graph, IReadOnlyDictionary<string, byte[]> weights, IReadOnlyDictionary<string, string> metadata)
    {
        var proto = new GraphProto { Name = graph.Name };
        proto.Input.Add(Value(graph.Input));
        proto.Output.Add(Value(graph.Output));
        proto.Node.AddRange(graph.Nodes.Select(Node));
        proto.Initializer.AddRange(graph.Initializers.Select(i => Tensor(i.Name, i.Shape, TensorProto.Types.DataType.Float, UnsafeByteOperations.UnsafeWrap(weights[i.Name]))));
        proto.Initializer.AddRange(graph.Constants.Select(Constant));
        if (OnnxOpsets.IrVersion(graph.Opset) < InitializersNeedNoInput)
        {
            // Before IR 4 every initializer had to be a graph input too (a default value the caller could override).
            proto.Input.AddRange(proto.Initializer.Select(i => Value(i.Name, (TensorProto.Types.DataType)i.DataType, i.Dims.Select(OnnxDim.Fixed))));
        }

        var model = new ModelProto
        {
            IrVersion = OnnxOpsets.IrVersion(graph.Opset),
            ProducerName = "NetDsl",
            ProducerVersion = typeof(OnnxModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? string.Empty,
            DocString = graph.DocString,
            Graph = proto,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = graph.Opset });
        var props = new Dictionary<string, string>(System.StringComparer.Ordinal)
        {
            // The input the graph was made for, unless the weights' own metadata says what they were trained at.
            [PredictionMetadata.InputKey] = JsonSerializer.Serialize(graph.InputShape.ToArray()),
            [AcceptsKey] = graph.Accepts,
        };
        foreach (var pair in metadata)
        {
            props[pair.Key] = pair.Value;
        }

        model.MetadataProps.AddRange(props.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return model;
    }

    private static ValueInfoProto Value(OnnxValueInfo info) => Value(info.Name, TensorProto.Types.DataType.Float, info.Dims);

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, IEnumerable<OnnxDim> dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => d.Param is { } name
            ? new TensorShapeProto.Types.Dimension { DimParam = name }
            : new TensorShapeProto.Types.Dimension { DimValue = d.Value }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static NodeProto Node(OnnxNode node)
    {
        var proto = new NodeProto { OpType = node.OpType, Name = node.Name };
        proto.Input.AddRange(node.Inputs);
        proto.Output.AddRange(node.Outputs);
        proto.Attribute.AddRange(node.Attributes.Select(Attribute));
        return proto;
    }

    private static AttributeProto Attribute(OnnxAttribute attribute)
    {
        var proto = new AttributeProto { Name = attribute.Name };
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Int:
                proto.Type = AttributeProto.Types.AttributeType.Int;
                proto.I = attribute.Int;
                break;
            case OnnxAttributeKind.Ints:
                proto.Type = AttributeProto.Types.AttributeType.Ints;
                proto.Ints.AddRange(attribute.Ints);
                break;
            default:
                proto.Type = AttributeProto.Types.AttributeType.Float;
                proto.F = (float)attribute.Float;
                break;
        }

        return proto;
    }

    private static TensorProto Constant(OnnxConstant constant)
    {
        var bytes = constant.Type == OnnxConstantType.Float
            ? constant.Values.SelectMany(v => LittleEndian(System.BitConverter.GetBytes((float)v))).ToArray()
            : constant.Values.SelectMany(v => LittleEndian(System.BitConverter.GetBytes((long)v))).ToArray();
        var type = constant.Type == OnnxConstantType.Float ? TensorProto.Types.DataType.Float : TensorProto.Types.DataType.Int64;
        return Tensor(constant.Name, constant.Dims, type, ByteString.CopyFrom(bytes));
    }

    private static byte[] LittleEndian(byte[] bytes)
    {
        if (!System.BitConverter.IsLittleEndian)
        {
            System.Array.Reverse(bytes);
        }

        return bytes;
    }

    private static TensorProto Tensor(string name, IEnumerable<long> dims, TensorProto.Types.DataType type, ByteString data)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = data };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
