using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>
/// Folds each BatchNormalization into the Conv before it when the norm reads the conv's output directly and nothing
/// else does (the graph's output included): the conv then reads a folded weight and bias (<see cref="FoldedWeightSource"/>,
/// <see cref="FoldedBiasSource"/>) and writes the norm's output. A pre-activation norm (before its conv) stays.
/// </summary>
internal static class BatchNormFolding
{
    public static (List<OnnxNode> Nodes, List<OnnxInitializer> Initializers) Fold(IReadOnlyList<OnnxNode> nodes, IReadOnlyList<OnnxInitializer> initializers, string output)
    {
        var readers = nodes.SelectMany(n => n.Inputs).Append(output).GroupBy(n => n, System.StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), System.StringComparer.Ordinal);
        var producers = nodes.ToDictionary(n => n.Outputs[0], System.StringComparer.Ordinal);
        var weights = initializers.ToDictionary(i => i.Name, System.StringComparer.Ordinal);
        var folded = new Dictionary<OnnxNode, OnnxNode>();
        var removed = new HashSet<OnnxNode>();
        var added = new List<OnnxInitializer>();
        foreach (var norm in nodes.Where(n => n.OpType == "BatchNormalization"))
        {
            if (!producers.TryGetValue(norm.Inputs[0], out var conv) || conv.OpType != "Conv" || readers[norm.Inputs[0]] != 1)
            {
                continue;
            }

            var gamma = Key(weights[norm.Inputs[1]]);
            var keys = new BatchNormKeys(gamma.Substring(0, gamma.Length - ".weight".Length), norm.Attributes.Single(a => a.Name == "epsilon").Float);
            var convWeight = weights[conv.Inputs[1]];
            var weight = new OnnxInitializer(convWeight.Name + "+" + keys.Prefix, convWeight.Shape, new FoldedWeightSource(Key(convWeight), keys));
            var bias = new OnnxInitializer(keys.Prefix + ".bias+" + Key(convWeight), weights[norm.Inputs[2]].Shape, new FoldedBiasSource(conv.Inputs.Count > 2 ? Key(weights[conv.Inputs[2]]) : null, keys));
            added.Add(weight);
            added.Add(bias);
            folded[conv] = conv with
            {
                Inputs = EquatableArray.Of(conv.Inputs[0], weight.Name, bias.Name),
                Outputs = norm.Outputs,
                Name = norm.Outputs[0],
            };
            removed.Add(norm);
        }

        var result = nodes.Where(n => !removed.Contains(n)).Select(n => folded.TryGetValue(n, out var f) ? f : n).ToList();
        var read = new HashSet<string>(result.SelectMany(n => n.Inputs), System.StringComparer.Ordinal);
        return (result, initializers.Concat(added).Where(i => read.Contains(i.Name)).ToList());
    }

    private static string Key(OnnxInitializer initializer) => ((StateTensorSource)initializer.Source).Key;
}
