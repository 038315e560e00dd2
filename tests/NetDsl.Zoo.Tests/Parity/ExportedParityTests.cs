using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NetDsl.Runtime.Weights;
using NetDsl.Testing;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>
/// Every zoo network, exported for PyTorch, against its generated TorchSharp class both ways: the module loads the
/// TorchSharp model's state dict strictly and computes its eval-mode outputs, with the state-dict keys in the plan's
/// order and the parameters in TorchSharp's; and the TorchSharp class loads the PyTorch module's own random weights
/// strictly and computes its outputs.
/// </summary>
[Collection(ExportedReferenceCollection.Name)]
public class ExportedParityTests(ExportedReference reference, ITestOutputHelper output)
{
    /// <summary>max |ours − theirs| must stay within this fraction of max |theirs| (float32, two libtorch versions).</summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Networks => new(ExportedReference.Networks);

    [ExportedReferenceTheory]
    [MemberData(nameof(Networks))]
    public void TheExportedModuleAndTheTorchSharpClassComputeTheSameBothWays(string network)
    {
        using var folder = new ScratchFolder();
        var module = ExportedReference.Export(network, folder.Path);
        var plan = ExportedReference.Plan(network);
        using var scope = NewDisposeScope();
        torch.manual_seed(11);
        using var model = ExportedReference.Create(network);
        RandomNorms.Apply(model);
        model.eval();
        var input = randn([1, .. plan.Summary.Input.Dims.Select(d => (long)d)]);
        using (no_grad())
        {
            ModelWeights.Save(model, folder.File("netdsl.safetensors"));
            SafeTensorsFile.Save(folder.File("netdsl_io.safetensors"), new Dictionary<string, Tensor> { ["input"] = input, ["output"] = model.forward(input) });
        }

        var answer = reference.Request("compare", folder.Path, module);

        Assert.Equal(plan.Summary.Tensors.Select(t => t.Key), Strings(answer, "keys"));
        Assert.Equal(model.named_parameters().Select(p => p.name), Strings(answer, "parameters"));
        var toPyTorch = answer.GetProperty("max_abs_difference").GetDouble() / answer.GetProperty("max_abs_output").GetDouble();

        using var fresh = ExportedReference.Create(network);
        var report = ModelWeights.Load(fresh, folder.File("pytorch.safetensors"));
        Assert.Equal(plan.Summary.Tensors.Count, report.Loaded.Count);
        fresh.eval();
        using var io = SafeTensorsFile.Open(folder.File("pytorch_io.safetensors"));
        var tensors = io.ReadAll();
        double fromPyTorch;
        using (no_grad())
        {
            var (difference, magnitude) = ParityTensors.Compare(fresh.forward(tensors["input"]), tensors["output"]);
            fromPyTorch = difference / magnitude;
        }

        output.WriteLine($"{network}: TorchSharp weights in PyTorch {toPyTorch:E2}, PyTorch weights in TorchSharp {fromPyTorch:E2} (max |difference| / max |output|)");
        Assert.True(toPyTorch <= Tolerance, $"{network}: PyTorch with TorchSharp's weights differs by {toPyTorch:E2} of the largest output");
        Assert.True(fromPyTorch <= Tolerance, $"{network}: TorchSharp with PyTorch's weights differs by {fromPyTorch:E2} of the largest output");
    }

    private static IEnumerable<string> Strings(JsonElement answer, string name) => answer.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();
}
