using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Nn;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests;

/// <summary>
/// The zoo as users get it (generated at build time): each network runs, its output has the shape the checker
/// inferred, and its parameter count is the inferred one and the reference implementation's.
/// </summary>
public class ZooNetworkTests
{
    /// <summary>
    /// Network, factory, inferred shapes and counts, and the reference: torchvision 0.14 (GoogLeNet and Inception-v3
    /// with their auxiliary heads, as torchvision builds them by default without weights), timm for Inception-v4, and
    /// for LeNet-5 the sum of its layers (156 + 2 416 + 48 120 + 10 164 + 850).
    /// </summary>
    public static TheoryData<string> Networks => new(Zoo.Keys);

    private static readonly Dictionary<string, ZooEntry> Zoo = new()
    {
        ["ResNet18"] = new(() => new ResNet18(), ResNet18.InputShape, ResNet18.OutputShape, ResNet18.ParameterCount, 11_689_512, 122),
        ["ResNet34"] = new(() => new ResNet34(), ResNet34.InputShape, ResNet34.OutputShape, ResNet34.ParameterCount, 21_797_672, 218),
        ["ResNet50"] = new(() => new ResNet50(), ResNet50.InputShape, ResNet50.OutputShape, ResNet50.ParameterCount, 25_557_032, 320),
        ["ResNet101"] = new(() => new ResNet101(), ResNet101.InputShape, ResNet101.OutputShape, ResNet101.ParameterCount, 44_549_160, 626),
        ["ResNet152"] = new(() => new ResNet152(), ResNet152.InputShape, ResNet152.OutputShape, ResNet152.ParameterCount, 60_192_808, 932),
        ["InceptionV4"] = new(() => new InceptionV4(), InceptionV4.InputShape, InceptionV4.OutputShape, InceptionV4.ParameterCount, 42_679_816, 896),
        ["GoogLeNet"] = new(() => new GoogLeNet(), GoogLeNet.InputShape, GoogLeNet.OutputShape, GoogLeNet.ParameterCount, 13_004_888, 364),
        ["InceptionV3"] = new(() => new InceptionV3(), InceptionV3.InputShape, InceptionV3.OutputShape, InceptionV3.ParameterCount, 27_161_264, 580),
        ["VGG16"] = new(() => new VGG16(), VGG16.InputShape, VGG16.OutputShape, VGG16.ParameterCount, 138_357_544, 32),
        ["VGG19"] = new(() => new VGG19(), VGG19.InputShape, VGG19.OutputShape, VGG19.ParameterCount, 143_667_240, 38),
        ["AlexNet"] = new(() => new AlexNet(), AlexNet.InputShape, AlexNet.OutputShape, AlexNet.ParameterCount, 61_100_840, 16),
        ["LeNet5"] = new(() => new LeNet5(), LeNet5.InputShape, LeNet5.OutputShape, LeNet5.ParameterCount, 61_706, 10),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardGivesTheInferredShape(string name)
    {
        var entry = Zoo[name];
        using var scope = NewDisposeScope();
        using var model = entry.Create();
        model.eval();

        using var _ = no_grad();
        var output = model.forward(randn([2, .. entry.InputShape]));

        Assert.Equal([2, .. entry.OutputShape], output.shape);
        Assert.False(output.isnan().any().item<bool>());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ParameterCountIsTheInferredAndTheReferenceCount(string name)
    {
        var entry = Zoo[name];
        using var model = entry.Create();

        var counted = model.parameters().Sum(p => p.numel());

        Assert.Equal(entry.InferredParameters, counted);
        Assert.Equal(entry.ReferenceParameters, counted);
        Assert.Equal(entry.ReferenceTensors, model.state_dict().Count);
    }

    [Fact]
    public void ResNet50HasTorchvisionStateDictKeys()
    {
        using var model = new ResNet50(classes: 10);
        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("conv1.weight", keys);
        Assert.Contains("bn1.running_var", keys);
        Assert.Contains("layer1.0.downsample.0.weight", keys);
        Assert.Contains("layer4.2.bn3.num_batches_tracked", keys);
        Assert.DoesNotContain("layer1.1.downsample.0.weight", keys);
        Assert.Equal([10, 2048], model.state_dict()["fc.weight"].shape);
    }

    [Fact]
    public void WrongInputNamesTheNetworkAndTheExpectedShape()
    {
        using var model = new ResNet18(classes: 10);
        using var input = zeros(8, 1, 28, 28);

        var error = Assert.Throws<InputShapeException>(() => model.forward(input));

        Assert.Equal("ResNet18 expects input [N, 3, 224, 224] but got [8, 1, 28, 28].", error.Message);
    }

    private sealed record ZooEntry(
        Func<nn.Module<Tensor, Tensor>> Create,
        IReadOnlyList<long> InputShape,
        IReadOnlyList<long> OutputShape,
        long InferredParameters,
        long ReferenceParameters,
        int ReferenceTensors);
}
