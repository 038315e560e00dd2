using NetDsl.Runtime.Export;
using NetDsl.Testing;
using NetDsl.Zoo.Tests.Parity;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>A network that accepts many sizes gets a graph with symbolic height and width, which runs at each of them.</summary>
public class OnnxSizeTests
{
    [Fact]
    public void ResNet18sGraphRunsAtEveryAcceptedSizeItIsGiven()
    {
        using var folder = new ScratchFolder();
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        using var model = new ResNet18(classes: 10);
        RandomNorms.Apply(model);
        model.eval();
        var path = folder.File("resnet18.onnx");
        var graph = OnnxExport.Save(model, ExportedReference.Plan("ResNet18"), path, new OnnxExportOptions { Parameters = new System.Collections.Generic.Dictionary<string, double> { ["classes"] = 10 } });

        Assert.Equal("N, 3, H, W", string.Join(", ", graph.Input.Dims));
        foreach (var (h, w) in new[] { (32, 32), (40, 56) })
        {
            var input = randn(2, 3, h, w);
            Tensor expected;
            using (no_grad())
            {
                expected = model.forward(input);
            }

            var (_, actual) = OnnxRun.Run(path, input);
            var (difference, magnitude) = ParityTensors.Compare(actual, expected);
            Assert.True(difference <= 1e-4 * System.Math.Max(1, magnitude), $"at {h}×{w}: {difference:E2}");
        }
    }
}
