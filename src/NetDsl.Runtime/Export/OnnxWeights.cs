using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Backends.Onnx;
using NetDsl.Runtime.Weights;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Export;

/// <summary>The values of a graph's initializers, from a module's state dict (checked against the plan's first), as float32 little-endian bytes.</summary>
internal static class OnnxWeights
{
    private const int Listed = 8;

    /// <exception cref="WeightsMismatchException">Keys are missing or unexpected, or shapes differ from the plan's.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(nn.Module module, OnnxGraph graph)
    {
        var state = module.state_dict();
        Check(state, graph);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return graph.Initializers.ToDictionary(i => i.Name, i => Bytes(Value(i.Source, state)), StringComparer.Ordinal);
    }

    private static void Check(IReadOnlyDictionary<string, Tensor> state, OnnxGraph graph)
    {
        var expected = graph.StateDict.ToDictionary(t => t.Key, t => t.Shape.ToArray(), StringComparer.Ordinal);
        var missing = expected.Keys.Where(k => !state.ContainsKey(k) && !graph.AuxiliaryHeads.Any(head => k.StartsWith(head + ".", StringComparison.Ordinal))).Select(k => k + " " + Shape(expected[k])).ToList();
        var unexpected = state.Keys.Where(k => !expected.ContainsKey(k)).Select(k => k + " " + Shape(state[k].shape)).ToList();
        var shapes = expected.Where(e => state.TryGetValue(e.Key, out var t) && !t.shape.SequenceEqual(e.Value))
            .Select(e => $"{e.Key} is {Shape(state[e.Key].shape)}, the plan has {Shape(e.Value)}").ToList();
        if (missing.Count + unexpected.Count + shapes.Count == 0)
        {
            return;
        }

        var parts = new List<string>();
        Add(parts, "missing", missing);
        Add(parts, "unexpected", unexpected);
        Add(parts, "other shapes", shapes);
        throw new WeightsMismatchException(
            $"The module's state dict does not fit the plan of {graph.Name} ({string.Join("; ", parts)}); build the module with the parameter values the graph is exported at.");
    }

    private static void Add(List<string> parts, string what, List<string> items)
    {
        if (items.Count > 0)
        {
            parts.Add(what + ": " + string.Join(", ", items.Take(Listed)) + (items.Count > Listed ? $" and {items.Count - Listed} more" : string.Empty));
        }
    }

    private static string Shape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The initializer's value, computed in float64 for a folded one.</summary>
    private static Tensor Value(OnnxTensorSource source, IReadOnlyDictionary<string, Tensor> state)
    {
        Tensor Get(string key) => state[key].detach().cpu().to(float64);
        switch (source)
        {
            case StateTensorSource plain:
                return state[plain.Key].detach().cpu();
            case FoldedWeightSource weight:
                var w = Get(weight.ConvWeight);
                return w * Scale(weight.Norm).reshape(-1, 1, 1, 1);
            case FoldedBiasSource bias:
                var b = bias.ConvBias is { } key ? Get(key) : zeros_like(Get(bias.Norm.Mean));
                return ((b - Get(bias.Norm.Mean)) * Scale(bias.Norm)) + Get(bias.Norm.Bias);
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown initializer source.");
        }

        Tensor Scale(BatchNormKeys norm) => Get(norm.Weight) / (Get(norm.Var) + norm.Eps).sqrt();
    }

    private static byte[] Bytes(Tensor tensor)
    {
        using var floats = tensor.to(float32).contiguous();
        var bytes = floats.bytes.ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < bytes.Length; i += sizeof(float))
            {
                Array.Reverse(bytes, i, sizeof(float));
            }
        }

        return bytes;
    }
}
