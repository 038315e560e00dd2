using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using NetDsl.Testing;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>
/// The zoo against torchvision itself, read in the test: the same parameter count and state-dict keys, and, with
/// torchvision's random weights loaded from safetensors, the same eval-mode outputs for the same input.
/// </summary>
public class TorchvisionParityTests(ITestOutputHelper output)
{
    /// <summary>max |ours − theirs| must stay within this fraction of max |theirs| (float32, two libtorch versions).</summary>
    private const double Tolerance = 1e-4;

    private static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor>>> Models = new()
    {
        ["alexnet"] = () => new AlexNet(),
        ["vgg16"] = () => new VGG16(),
        ["vgg19"] = () => new VGG19(),
        ["resnet18"] = () => new ResNet18(),
        ["resnet34"] = () => new ResNet34(),
        ["resnet50"] = () => new ResNet50(),
        ["resnet101"] = () => new ResNet101(),
        ["resnet152"] = () => new ResNet152(),
        ["googlenet"] = () => new GoogLeNet(),
        ["inception_v3"] = () => new InceptionV3(),
    };

    public static TheoryData<string> TorchvisionModels => new(Models.Keys);

    [TorchvisionTheory]
    [MemberData(nameof(TorchvisionModels))]
    public void SameCountKeysAndOutputsAsTorchvision(string name)
    {
        using var folder = new ScratchFolder();
        var reference = TorchvisionReference.Export(name, folder.Path);
        using var scope = NewDisposeScope();
        using var model = Models[name]();

        Assert.Equal(reference.Parameters, model.parameters().Sum(p => p.numel()));
        // TorchSharp lists all parameters before all buffers; PyTorch interleaves them module by module.
        Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), model.state_dict().Keys.Order(StringComparer.Ordinal));
        var parameterNames = model.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(reference.Keys.Where(parameterNames.Contains), parameterNames);

        var report = ModelWeights.Load(model, reference.WeightsPath);
        Assert.Equal(reference.Keys.Count, report.Loaded.Count);

        using var io = SafeTensorsFile.Open(reference.InputOutputPath);
        var tensors = io.ReadAll();
        model.eval();
        using var _ = no_grad();
        var ours = model.forward(tensors["input"]);
        var (difference, magnitude) = ParityTensors.Compare(ours, tensors["output"]);
        output.WriteLine($"{name}: max |ours - torchvision| = {difference:E2}, max |torchvision| = {magnitude:E2}, ratio {difference / magnitude:E2}");
        Assert.True(difference <= Tolerance * magnitude, $"{name}: max |ours - torchvision| = {difference} exceeds {Tolerance} x {magnitude}");
    }

    [TorchvisionTheory]
    [InlineData("resnet50")]
    [InlineData("googlenet")]
    public void TorchvisionLoadsWhatWeWriteAndComputesOurOutputs(string name)
    {
        using var folder = new ScratchFolder();
        using var scope = NewDisposeScope();
        torch.manual_seed(7);
        using var model = Models[name]();
        RandomNorms.Apply(model);
        model.eval();
        var input = randn(2, 3, 224, 224);
        Tensor ours;
        using (no_grad())
        {
            ours = model.forward(input);
        }

        ModelWeights.Save(model, Path.Combine(folder.Path, "exported.safetensors"), new Dictionary<string, string> { ["written_by"] = "NetDsl" });
        SafeTensorsFile.Save(Path.Combine(folder.Path, "io.safetensors"), new Dictionary<string, Tensor> { ["input"] = input, ["output"] = ours });

        var (difference, magnitude) = TorchvisionReference.Check(name, folder.Path);

        output.WriteLine($"{name}: max |torchvision - ours| = {difference:E2}, max |ours| = {magnitude:E2}");
        Assert.True(difference <= Tolerance * magnitude, $"{name}: max |torchvision - ours| = {difference} exceeds {Tolerance} x {magnitude}");
    }
}
