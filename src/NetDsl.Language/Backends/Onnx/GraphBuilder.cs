using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>
/// Collects a graph's nodes, initializers and constants as the walk goes: every value gets a unique name (the
/// layer's path, then its operator where one layer makes several nodes), every weight the state dict's key and shape.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly IReadOnlyDictionary<string, StateTensor> _state;
    private readonly List<OnnxNode> _nodes = new();
    private readonly List<OnnxInitializer> _initializers = new();
    private readonly List<OnnxConstant> _constants = new();
    private readonly HashSet<string> _names = new(System.StringComparer.Ordinal);

    /// <param name="state">The state dict the graph reads from, by key.</param>
    /// <param name="input">The graph input's name.</param>
    public GraphBuilder(IReadOnlyDictionary<string, StateTensor> state, string input)
    {
        _state = state;
        _names.Add(input);
    }

    public List<OnnxNode> Nodes => _nodes;

    public List<OnnxInitializer> Initializers => _initializers;

    public List<OnnxConstant> Constants => _constants;

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string op, Origin origin, int minOpset, IEnumerable<string> inputs, params OnnxAttribute[] attributes)
    {
        var output = Unique(origin.Layer.Length == 0 ? op : origin.Layer + "/" + op);
        _nodes.Add(new OnnxNode(op, output, inputs.ToEquatableArray(), EquatableArray.Of(output), attributes.ToEquatableArray())
        {
            Layer = origin.Layer,
            Span = origin.Span,
            MinOpset = minOpset,
        });
        return output;
    }

    /// <summary>The state-dict entry <paramref name="key"/> as an initializer of the same name.</summary>
    public string Weight(string key)
    {
        if (!_state.TryGetValue(key, out var tensor))
        {
            throw new System.InvalidOperationException($"The plan reads the state-dict entry '{key}', which its instance does not have.");
        }

        if (_names.Add(key))
        {
            _initializers.Add(new OnnxInitializer(key, tensor.Shape, new StateTensorSource(key)));
        }

        return key;
    }

    /// <summary>A float32 scalar constant.</summary>
    public string Scalar(string name, double value) => Constant(name, OnnxConstantType.Float, EquatableArray<long>.Empty, value);

    /// <summary>A 1-D int64 constant.</summary>
    public string Int64s(string name, params long[] values) => Constant(name, OnnxConstantType.Int64, EquatableArray.Of((long)values.Length), values.Select(v => (double)v).ToArray());

    private string Constant(string name, OnnxConstantType type, EquatableArray<long> dims, params double[] values)
    {
        var unique = Unique(name);
        _constants.Add(new OnnxConstant(unique, type, dims, values.ToEquatableArray()));
        return unique;
    }

    private string Unique(string name)
    {
        if (_names.Add(name))
        {
            return name;
        }

        for (var i = 2; ; i++)
        {
            var numbered = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            if (_names.Add(numbered))
            {
                return numbered;
            }
        }
    }
}

/// <summary>The layer a node comes from: its state-dict path and where it was written.</summary>
internal readonly record struct Origin(string Layer, SourceSpan Span);
