using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>
/// A network's plan walked again at other parameter values and another accepted input, by the same walker that
/// checked it: every module's input and output shapes, by state-dict path, and the state dict. Back ends that need
/// concrete shapes (ONNX) take them from here rather than working them out.
/// </summary>
internal sealed record NetworkInstance(TensorShape Input, TensorShape Output, IReadOnlyDictionary<string, LayerSummary> Layers, IReadOnlyList<StateTensor> Tensors)
{
    /// <summary>The instance, or null with the reasons in <paramref name="diagnostics"/> when the values or the input do not fit.</summary>
    public static NetworkInstance? Of(NetworkPlan network, IReadOnlyDictionary<string, Value> env, TensorShape input, out EquatableArray<SpecDiagnostic> diagnostics)
    {
        var bag = new DiagnosticBag();
        var walker = new Instantiator(bag, PlanLibrary.Of(network.Blocks), record: true);
        var output = walker.WalkClass(network.Class, input, new Frame(env, 0, Place.Of($"network '{network.Class.Name}' at input {input}")), string.Empty);
        diagnostics = bag.ToArray();
        if (output is null || bag.HasErrors)
        {
            return null;
        }

        var layers = new Dictionary<string, LayerSummary>(System.StringComparer.Ordinal);
        foreach (var row in walker.Rows.Where(r => r.Path.Length > 0))
        {
            layers[row.Path] = row;
        }

        return new NetworkInstance(input, output, layers, walker.Tensors);
    }
}
