using System.Linq;
using NetDsl.Language;
using NetDsl.Language.Plan;
using NetDsl.Runtime.Export;
using NetDsl.Testing;
using NetDsl.Zoo.Tests.Parity;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>
/// Every activation of the language (the zoo uses only ReLU), exported and run in ONNX Runtime against NetDsl.Nn's
/// <see cref="Nn.Activations"/>, as generated code applies them; GELU both as <c>Gelu</c> (opset 20) and with <c>Erf</c>.
/// </summary>
public class OnnxActivationTests
{
    public static TheoryData<string, Nn.Activation, int> Activations => new()
    {
        { "relu", Nn.Activation.ReLU, 17 },
        { "relu6", Nn.Activation.ReLU6, 17 },
        { "leakyrelu", Nn.Activation.LeakyReLU, 17 },
        { "sigmoid", Nn.Activation.Sigmoid, 17 },
        { "tanh", Nn.Activation.Tanh, 17 },
        { "gelu", Nn.Activation.GELU, 17 },
        { "gelu", Nn.Activation.GELU, 20 },
        { "silu", Nn.Activation.SiLU, 17 },
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void AnActivationComputesWhatNetDslNnComputes(string layer, Nn.Activation activation, int opset)
    {
        using var folder = new ScratchFolder();
        var spec = $"network: Activated\ninput: [3, 5, 7]\nlayers:\n  - {layer}\n";
        var parsed = NetDslProject.Parse("activated.net.yaml", spec, "NetDsl.Tests");
        var plan = NetDslProject.Check([parsed]).Single().Plan!.Network!;
        using var module = new Activated(activation);
        var path = folder.File("activated.onnx");

        var graph = OnnxExport.Save(module, plan, path, new OnnxExportOptions { Opset = opset });

        Assert.Equal(activation == Nn.Activation.GELU, graph.Nodes.Any(n => n.OpType == (opset >= 20 ? "Gelu" : "Erf")));
        var input = randn(2, 3, 5, 7) * 4;
        var (_, actual) = OnnxRun.Run(path, input);
        var (difference, magnitude) = ParityTensors.Compare(actual, module.forward(input));
        Assert.True(difference <= 1e-4 * System.Math.Max(1, magnitude), $"{layer} at opset {opset}: {difference:E2}");
    }

    /// <summary>What the generated class of the one-activation network does: the activation, no parameters.</summary>
    private sealed class Activated(Nn.Activation activation) : nn.Module<Tensor, Tensor>(nameof(Activated))
    {
        public override Tensor forward(Tensor x) => Nn.Activations.Apply(x, activation);
    }
}
