using System.Linq;
using NetDsl.Testing;
using NetDsl.Zoo.Tests.Parity;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>
/// Every zoo network exported to ONNX and run in ONNX Runtime against its TorchSharp class in eval mode, with random
/// weights and batch-norm statistics, with and without folded batch norms.
/// </summary>
[Collection(ZooOnnxCollection.Name)]
public class OnnxParityTests(ZooOnnxExports exports, ITestOutputHelper output)
{
    /// <summary>
    /// The tolerance: max |onnx − torchsharp| ≤ 1e-4 · max(1, max |torchsharp|), over every output element (float32 in
    /// two engines with their own kernels; folding reassociates the norm's arithmetic).
    /// </summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Networks => new(ZooOnnxExports.Networks);

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntimeComputesWhatTorchSharpComputes(string network)
    {
        var export = exports.Get(network);
        var plain = Difference(export.Plain, export);
        var folded = Difference(export.Folded, export);
        var bound = Tolerance * System.Math.Max(1, export.Expected.abs().max().ToDouble());
        output.WriteLine($"{network}: max |difference| {plain:E2} plain, {folded:E2} folded, max |output| {export.Expected.abs().max().ToDouble():E2} (bound {bound:E2}); export {export.ExportTime.TotalSeconds:F2} s, {export.Bytes / 1e6:F1} MB");
        Assert.True(plain <= bound, $"{network}: ONNX Runtime differs from TorchSharp by {plain:E2} > {bound:E2}");
        Assert.True(folded <= bound, $"{network} with folded batch norms: ONNX Runtime differs from TorchSharp by {folded:E2} > {bound:E2}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void FoldingLeavesNoBatchNormAfterAConvThatOnlyItReads(string network)
    {
        var graph = exports.Get(network).FoldedGraph;
        var producers = graph.Nodes.ToDictionary(n => n.Outputs[0]);
        var readers = graph.Nodes.SelectMany(n => n.Inputs).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        Assert.DoesNotContain(graph.Nodes, n => n.OpType == "BatchNormalization" && producers.TryGetValue(n.Inputs[0], out var p) && p.OpType == "Conv" && readers[n.Inputs[0]] == 1);
        Assert.Equal(exports.Get(network).PlainGraph.Nodes.Count(n => n.OpType == "Conv"), graph.Nodes.Count(n => n.OpType == "Conv"));
    }

    [Theory]
    [InlineData("GoogLeNet", "aux")]
    [InlineData("InceptionV3", "AuxLogits")]
    public void ANetworkWithAuxiliaryHeadsExportsItsMainOutputOnly(string network, string head)
    {
        var export = exports.Get(network);
        var (outputs, result) = OnnxRun.Run(export.Plain, export.Input);
        Assert.Equal(["output"], outputs);
        Assert.Equal(export.Expected.shape, result.shape);
        Assert.Contains(export.PlainGraph.StateDict, t => t.Key.StartsWith(head, System.StringComparison.Ordinal));
        Assert.DoesNotContain(export.PlainGraph.Initializers, i => i.Name.StartsWith(head, System.StringComparison.Ordinal));
    }

    private static double Difference(string path, ZooOnnxExport export)
    {
        var (outputs, result) = OnnxRun.Run(path, export.Input);
        Assert.Single(outputs);
        return ParityTensors.Compare(result, export.Expected).Difference;
    }
}
