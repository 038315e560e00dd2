using NetDsl.Runtime.Export;
using NetDsl.Testing;
using NetDsl.Zoo.Tests.Parity;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>Exports at the lowest opset each network allows (its IR version with it) run in ONNX Runtime and pass ONNX's checker.</summary>
public class OnnxOpsetTests
{
    public static TheoryData<string, int> LowestOpsets => new()
    {
        { "LeNet5", 7 },
        { "CifarResNetB", 7 },
        { "GoogLeNet", 10 },
        { "CifarResNetA", 11 },
    };

    [Theory]
    [MemberData(nameof(LowestOpsets))]
    public void AnExportAtTheLowestOpsetItAllowsComputesWhatTorchSharpComputes(string network, int opset)
    {
        using var folder = new ScratchFolder();
        var (path, input, expected) = Export(network, opset, folder);

        var (_, actual) = OnnxRun.Run(path, input);

        var (difference, magnitude) = ParityTensors.Compare(actual, expected);
        Assert.True(difference <= 1e-4 * System.Math.Max(1, magnitude), $"{network} at opset {opset}: {difference:E2}");
    }

    [OnnxCheckerTheory]
    [MemberData(nameof(LowestOpsets))]
    public void AnExportAtTheLowestOpsetItAllowsPassesOnnxsFullCheck(string network, int opset)
    {
        using var folder = new ScratchFolder();

        OnnxChecker.Check(Export(network, opset, folder).Path);
    }

    private static (string Path, Tensor Input, Tensor Expected) Export(string network, int opset, ScratchFolder folder)
    {
        var plan = ExportedReference.Plan(network);
        torch.manual_seed(3);
        using var model = ExportedReference.Create(network);
        RandomNorms.Apply(model);
        model.eval();
        var path = folder.File(network + ".onnx");
        var graph = OnnxExport.Save(model, plan, path, new OnnxExportOptions { Opset = opset });
        Assert.Equal(opset, graph.Opset);
        var input = randn(1, plan.Accepts.Channels, plan.Accepts.Height.Min, plan.Accepts.Width.Min);
        using (no_grad())
        {
            return (path, input, model.forward(input));
        }
    }
}
