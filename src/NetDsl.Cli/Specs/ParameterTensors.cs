using System;
using System.Collections.Generic;
using NetDsl.Language.Model;

namespace NetDsl.Cli.Specs;

/// <summary>One parameter tensor of a network: its state-dict name and element count.</summary>
internal sealed record ParameterTensor(string Name, long Count);

/// <summary>
/// The parameter tensors of a checked network, in the order the generated module registers them, worked out from its
/// summary rows as TorchSharp lays them out: a convolution's <c>weight</c> (its multiply-adds per output position) and
/// <c>bias</c> (the rest of its count), a batch norm's <c>weight</c> and <c>bias</c>, a linear layer's <c>weight</c>
/// (its multiply-adds) and <c>bias</c>, and the <c>conv</c>/<c>bn</c> children of a wrapped conv. The tests compare
/// the result with the parameters of the zoo's generated modules.
/// </summary>
internal static class ParameterTensors
{
    /// <summary>The tensors of <paramref name="summary"/>.</summary>
    /// <exception cref="InvalidOperationException">A row of a kind with parameters that this table does not know.</exception>
    public static IReadOnlyList<ParameterTensor> Of(NetworkSummary summary)
    {
        var tensors = new List<ParameterTensor>();
        var rows = summary.Layers;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var isLeaf = i + 1 == rows.Count || !rows[i + 1].Path.StartsWith(row.Path + ".", StringComparison.Ordinal);
            if (isLeaf && row.Parameters > 0)
            {
                tensors.AddRange(Leaf(row));
            }
        }

        return tensors;
    }

    private static IEnumerable<ParameterTensor> Leaf(LayerSummary row)
    {
        switch (row.Kind)
        {
            case "Conv2d":
                return Conv(row.Path, row, row.Parameters);
            case "BatchNorm2d":
                return Norm(row.Path, row.Parameters / 2);
            case "Linear":
                return WeightAndBias(row.Path, row.MultiplyAdds, row.Parameters - row.MultiplyAdds);
            case "ConvNormAct":
                var postNorm = 2L * row.Output.Channels;
                return [.. Conv(row.Path + ".conv", row, row.Parameters - postNorm), .. Norm(row.Path + ".bn", postNorm / 2)];
            case "NormActConv":
                var preNorm = 2L * row.Input.Channels;
                return [.. Norm(row.Path + ".bn", preNorm / 2), .. Conv(row.Path + ".conv", row, row.Parameters - preNorm)];
            default:
                throw new InvalidOperationException($"netdsl does not know the parameter tensors of a {row.Kind} ('{row.Path}', {row.Parameters} parameters).");
        }
    }

    /// <summary>A convolution's weight is its multiply-adds per output position; what remains of its count is the bias.</summary>
    private static IEnumerable<ParameterTensor> Conv(string path, LayerSummary row, long parameters)
    {
        var positions = (long)row.Output.Dims[1] * row.Output.Dims[2];
        var weight = row.MultiplyAdds / positions;
        return WeightAndBias(path, weight, parameters - weight);
    }

    private static IEnumerable<ParameterTensor> Norm(string path, long features) => WeightAndBias(path, features, features);

    private static IEnumerable<ParameterTensor> WeightAndBias(string path, long weight, long bias)
    {
        yield return new ParameterTensor(path + ".weight", weight);
        if (bias > 0)
        {
            yield return new ParameterTensor(path + ".bias", bias);
        }
    }
}
