using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>
/// The ONNX back end: walks a network's plan at its parameter values and makes the ONNX graph of its eval-mode
/// forward (<see cref="OnnxGraph"/>), whose weights are the generated TorchSharp class's state-dict entries under
/// their keys. Shapes come from the network's instance as the checker walks it; nothing is worked out here.
/// </summary>
public static class OnnxEmitter
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>The graph of <paramref name="network"/>, as <paramref name="options"/> ask.</summary>
    /// <exception cref="NotExportableException">
    /// The opset is out of range or too low for a layer, the input is not accepted, a parameter value does not fit,
    /// or a layer has no ONNX form (an adaptive pool whose size does not divide the input's).
    /// </exception>
    public static OnnxGraph Emit(NetworkPlan network, OnnxOptions options)
    {
        var plan = network.Class;
        OnnxOpsets.Check(options.Opset, EquatableArray<OnnxNode>.Empty, plan.Span);
        var env = Environment(plan, options.Parameters);
        var (h, w) = options.Input ?? (network.Summary.Input.Dims[1], network.Summary.Input.Dims[2]);
        var input = TensorShape.Chw(network.Accepts.Channels, h, w);
        if (!network.Accepts.Contains(input.Dims[0], h, w))
        {
            throw new NotExportableException(plan.Span, $"the network '{plan.Name}' does not accept the input {input}; it accepts {network.Accepts}");
        }

        var instance = NetworkInstance.Of(network, env, input, out var diagnostics)
            ?? throw new NotExportableException(plan.Span, $"the network '{plan.Name}' does not fit at input {input} with these parameter values: " + string.Join("; ", diagnostics.Select(d => d.Message)));
        var builder = new GraphBuilder(instance.Tensors.ToDictionary(t => t.Key, System.StringComparer.Ordinal), InputName);
        var context = new GraphContext(builder, network, instance, options.Opset);
        var last = new ClassWalker(context, plan, env, string.Empty).Walk(InputName);
        var nodes = Output(builder.Nodes, last, plan.Span);
        var initializers = builder.Initializers;
        if (options.FoldBatchNorm)
        {
            (nodes, initializers) = BatchNormFolding.Fold(nodes, initializers, OutputName);
        }

        var graphNodes = nodes.ToEquatableArray();
        OnnxOpsets.Check(options.Opset, graphNodes, plan.Span);
        var symbolic = !network.Accepts.IsSingle && !context.NeedsFixedSize;
        var inputInfo = new OnnxValueInfo(InputName, EquatableArray.Of(
            OnnxDim.Symbolic("N"),
            OnnxDim.Fixed(input.Dims[0]),
            symbolic ? OnnxDim.Symbolic("H") : OnnxDim.Fixed(h),
            symbolic ? OnnxDim.Symbolic("W") : OnnxDim.Fixed(w)));
        var outputDims = instance.Output.Dims.Select((d, i) => symbolic && i > 0 ? OnnxDim.Symbolic(i == 1 ? "H_out" : "W_out") : OnnxDim.Fixed(d));
        return new OnnxGraph(
            plan.Name,
            options.Opset,
            inputInfo,
            new OnnxValueInfo(OutputName, new[] { OnnxDim.Symbolic("N") }.Concat(outputDims).ToEquatableArray()),
            graphNodes,
            initializers.ToEquatableArray(),
            builder.Constants.Where(c => nodes.Any(n => n.Inputs.Contains(c.Name))).ToEquatableArray())
        {
            InputShape = input.Dims,
            Accepts = network.Accepts.ToString(),
            StateDict = instance.Tensors.ToEquatableArray(),
            AuxiliaryHeads = plan.Fields.Where(f => f.Auxiliary).Select(f => f.Name).ToEquatableArray(),
            DocString = DocString(network, input, instance.Output, symbolic, options),
        };
    }

    /// <summary>The network's parameters at their defaults, with the values given replacing them.</summary>
    private static Dictionary<string, Value> Environment(ClassPlan plan, IReadOnlyDictionary<string, double> values)
    {
        var env = plan.Params.ToDictionary(p => p.Name, p => new Value(((NumberExpr)p.Default!).Value, p.Type == ParamType.Int), System.StringComparer.Ordinal);
        foreach (var pair in values)
        {
            var parameter = plan.Params.FirstOrDefault(p => p.Name == pair.Key)
                ?? throw new NotExportableException(plan.Span, $"the network '{plan.Name}' has no parameter '{pair.Key}'; its parameters are: {string.Join(", ", plan.Params.Select(p => p.Name))}");
            if (parameter.Type == ParamType.Int && pair.Value != System.Math.Floor(pair.Value))
            {
                throw new NotExportableException(parameter.Span, $"the parameter '{pair.Key}' of '{plan.Name}' is an int; {pair.Value.ToString(CultureInfo.InvariantCulture)} is not");
            }

            env[pair.Key] = new Value(pair.Value, parameter.Type == ParamType.Int);
        }

        return env;
    }

    /// <summary>The node list with the last value renamed to the graph output (an Identity when the network is empty).</summary>
    private static List<OnnxNode> Output(List<OnnxNode> nodes, string last, SourceSpan span)
    {
        if (last == InputName)
        {
            return new List<OnnxNode> { new("Identity", OutputName, EquatableArray.Of(InputName), EquatableArray.Of(OutputName), EquatableArray<OnnxAttribute>.Empty) { Span = span } };
        }

        string Rename(string name) => name == last ? OutputName : name;
        return nodes.Select(n => n with { Inputs = n.Inputs.Select(Rename).ToEquatableArray(), Outputs = n.Outputs.Select(Rename).ToEquatableArray(), Name = Rename(n.Name) }).ToList();
    }

    private static string DocString(NetworkPlan network, TensorShape input, TensorShape output, bool symbolic, OnnxOptions options)
    {
        var size = symbolic ? "any accepted height and width" : "input " + input;
        return $"{network.Class.Name}, generated by NetDsl from {System.IO.Path.GetFileName(network.Class.Span.Path)}: eval-mode forward, main output only. "
            + $"Accepts {network.Accepts} (batch N first); this graph takes {size}, output {output} at {input}."
            + (options.FoldBatchNorm ? " Batch norms that follow a conv are folded into it." : string.Empty);
    }
}
