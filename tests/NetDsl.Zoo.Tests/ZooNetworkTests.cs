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
/// inferred, and its parameter count is the inferred one and the reference implementation's
/// (samples/NetDsl.Zoo/references.json).
/// </summary>
public class ZooNetworkTests
{
    /// <summary>The keys of references.json, each a network at given arguments.</summary>
    public static TheoryData<string> Networks => new(Zoo.Keys);

    /// <summary>
    /// How to build each model, its inferred shapes and its inferred parameter count: the generated constants hold
    /// the count at the default arguments only, so models built with other arguments have none here (the
    /// summary tool's <c>--set</c> infers theirs; see scripts/zoo-docs.sh).
    /// </summary>
    private static readonly Dictionary<string, ZooEntry> Zoo = new()
    {
        ["LeNet5"] = new(() => new LeNet5(), LeNet5.InputShape, LeNet5.OutputShape, LeNet5.ParameterCount),
        ["AlexNet"] = new(() => new AlexNet(), AlexNet.InputShape, AlexNet.OutputShape, AlexNet.ParameterCount),
        ["VGG16"] = new(() => new VGG16(), VGG16.InputShape, VGG16.OutputShape, VGG16.ParameterCount),
        ["VGG19"] = new(() => new VGG19(), VGG19.InputShape, VGG19.OutputShape, VGG19.ParameterCount),
        ["ResNet18"] = new(() => new ResNet18(), ResNet18.InputShape, ResNet18.OutputShape, ResNet18.ParameterCount),
        ["ResNet34"] = new(() => new ResNet34(), ResNet34.InputShape, ResNet34.OutputShape, ResNet34.ParameterCount),
        ["ResNet50"] = new(() => new ResNet50(), ResNet50.InputShape, ResNet50.OutputShape, ResNet50.ParameterCount),
        ["ResNet101"] = new(() => new ResNet101(), ResNet101.InputShape, ResNet101.OutputShape, ResNet101.ParameterCount),
        ["ResNet152"] = new(() => new ResNet152(), ResNet152.InputShape, ResNet152.OutputShape, ResNet152.ParameterCount),
        ["CifarResNet20A"] = new(() => new CifarResNetA(depth: 20), CifarResNetA.InputShape, CifarResNetA.OutputShape, CifarResNetA.ParameterCount),
        ["CifarResNet32A"] = new(() => new CifarResNetA(depth: 32), CifarResNetA.InputShape, CifarResNetA.OutputShape, null),
        ["CifarResNet44A"] = new(() => new CifarResNetA(depth: 44), CifarResNetA.InputShape, CifarResNetA.OutputShape, null),
        ["CifarResNet56A"] = new(() => new CifarResNetA(depth: 56), CifarResNetA.InputShape, CifarResNetA.OutputShape, null),
        ["CifarResNet110A"] = new(() => new CifarResNetA(depth: 110), CifarResNetA.InputShape, CifarResNetA.OutputShape, null),
        ["CifarResNet20B"] = new(() => new CifarResNetB(depth: 20), CifarResNetB.InputShape, CifarResNetB.OutputShape, CifarResNetB.ParameterCount),
        ["CifarResNet32B"] = new(() => new CifarResNetB(depth: 32), CifarResNetB.InputShape, CifarResNetB.OutputShape, null),
        ["CifarResNet44B"] = new(() => new CifarResNetB(depth: 44), CifarResNetB.InputShape, CifarResNetB.OutputShape, null),
        ["CifarResNet56B"] = new(() => new CifarResNetB(depth: 56), CifarResNetB.InputShape, CifarResNetB.OutputShape, null),
        ["CifarResNet110B"] = new(() => new CifarResNetB(depth: 110), CifarResNetB.InputShape, CifarResNetB.OutputShape, null),
        ["PreActResNet18"] = new(() => new PreActResNet18(), PreActResNet18.InputShape, PreActResNet18.OutputShape, PreActResNet18.ParameterCount),
        ["PreActResNet164"] = new(() => new PreActResNet164(), PreActResNet164.InputShape, PreActResNet164.OutputShape, PreActResNet164.ParameterCount),
        ["GoogLeNet"] = new(() => new GoogLeNet(), GoogLeNet.InputShape, GoogLeNet.OutputShape, GoogLeNet.ParameterCount),
        ["InceptionV3"] = new(() => new InceptionV3(), InceptionV3.InputShape, InceptionV3.OutputShape, InceptionV3.ParameterCount),
        ["InceptionV4"] = new(() => new InceptionV4(), InceptionV4.InputShape, InceptionV4.OutputShape, InceptionV4.ParameterCount),
        ["InceptionResNetV1"] = new(() => new InceptionResNetV1(), InceptionResNetV1.InputShape, InceptionResNetV1.OutputShape, InceptionResNetV1.ParameterCount),
        ["InceptionResNetV2"] = new(() => new InceptionResNetV2(), InceptionResNetV2.InputShape, InceptionResNetV2.OutputShape, InceptionResNetV2.ParameterCount),
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
        var reference = ZooReferences.Models[name];
        using var model = entry.Create();

        var counted = model.parameters().Sum(p => p.numel());

        if (entry.InferredParameters is { } inferred)
        {
            Assert.Equal(inferred, counted);
        }

        if (reference.Parameters is { } parameters)
        {
            Assert.Equal(parameters, counted);
        }

        if (reference.Tensors is { } tensors)
        {
            Assert.Equal(tensors, model.state_dict().Count);
        }
    }

    /// <summary>The parameters of the model <paramref name="name"/> of the table, counted on a fresh instance.</summary>
    public static long CountParameters(string name)
    {
        using var model = Zoo[name].Create();
        return model.parameters().Sum(p => p.numel());
    }

    [Fact]
    public void EveryModelHasAReferenceEntryAndEveryEntryAModel()
    {
        Assert.Equal(Zoo.Keys.Order(StringComparer.Ordinal), ZooReferences.Models.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryZooNetworkIsInTheReferenceFile()
    {
        var networks = typeof(ResNet18).Assembly.GetExportedTypes()
            .Where(t => t.GetProperty("InputShape", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static) is not null)
            .Select(t => t.Name);

        Assert.Equal(networks.Order(StringComparer.Ordinal), ZooReferences.Models.Values.Select(r => r.Network).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryModelHasAReferenceCountButTheTwoNoImplementationDefines()
    {
        var unreferenced = ZooReferences.Models.Where(m => m.Value.Parameters is null).Select(m => m.Key).Order(StringComparer.Ordinal);

        Assert.Equal(["InceptionResNetV1", "PreActResNet18"], unreferenced);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TheTableBuildsTheNetworkAtTheReferenceArguments(string name)
    {
        var reference = ZooReferences.Models[name];
        using var fromTable = Zoo[name].Create();
        var type = typeof(ResNet18).Assembly.GetType("NetDsl.Zoo." + reference.Network)!;
        var constructor = type.GetConstructors().Single();
        var arguments = constructor.GetParameters()
            .Select(p => reference.Arguments.TryGetValue(p.Name!, out var value) ? value : p.DefaultValue)
            .ToArray();
        using var fromReference = (nn.Module)constructor.Invoke(arguments);

        Assert.Equal(type, fromTable.GetType());
        Assert.Equal(Shapes(fromReference), Shapes(fromTable));
    }

    /// <summary>
    /// The seed article trains ResNet-152 on 32×32 images: the zoo ResNets accept 32×32 and up, as torchvision's
    /// take any size, and refuse what they do not accept with the accepted sizes in the message.
    /// </summary>
    [Fact]
    public void ResNet152RunsOnSmallImagesAndRefusesWhatItDoesNotAccept()
    {
        using var scope = NewDisposeScope();
        using var model = new ResNet152(classes: 10);
        model.eval();
        using var _ = no_grad();

        Assert.Equal([8L, 10], model.forward(randn(8, 3, 32, 32)).shape);
        Assert.Equal([2L, 10], model.forward(randn(2, 3, 45, 77)).shape);
        Assert.Equal("[3, 32.., 32..]", ResNet152.AcceptedInputs.ToString());
        var refused = Assert.Throws<InputShapeException>(() => model.forward(randn(2, 3, 31, 32)));
        Assert.Equal("ResNet152 expects input [N, 3, 32.., 32..] but got [2, 3, 31, 32].", refused.Message);
    }

    [Theory]
    [InlineData("CifarResNetA", 20)]
    [InlineData("CifarResNetB", 56)]
    public void CifarResNetsHaveThreeStagesOfNUnits(string network, int depth)
    {
        using var model = network == "CifarResNetA" ? (nn.Module)new CifarResNetA(depth: depth) : new CifarResNetB(depth: depth);
        var n = (depth - 2) / 6;
        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains($"layer3.{n - 1}.conv2.weight", keys);
        Assert.DoesNotContain($"layer3.{n}.conv2.weight", keys);
        Assert.Equal(network == "CifarResNetB", keys.Contains("layer2.0.downsample.0.weight"));
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys);
    }

    /// <summary>
    /// Every state-dict key of timm's inception_v4 (timm/models/inception_v4.py: one <c>features</c> Sequential of
    /// three ConvNormAct, Mixed3a/4a/5a, 4 × InceptionA, ReductionA, 7 × InceptionB, ReductionB, 3 × InceptionC, then
    /// <c>last_linear</c>), written out from its module tree: 149 ConvNormAct × 6 tensors + 2 = 896.
    /// </summary>
    [Fact]
    public void InceptionV4HasExactlyTimmsStateDictKeys()
    {
        static IEnumerable<string> ConvNormAct(string path) =>
            new[] { "conv.weight", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked" }.Select(k => path + "." + k);
        static IEnumerable<string> Sequence(string path, int count) => Enumerable.Range(0, count).SelectMany(i => ConvNormAct($"{path}.{i}"));
        IEnumerable<string> Module(int index) => index switch
        {
            < 3 => ConvNormAct($"features.{index}"),
            3 or 5 => ConvNormAct($"features.{index}.conv"),
            4 => Sequence("features.4.branch0", 2).Concat(Sequence("features.4.branch1", 4)),
            < 10 => ConvNormAct($"features.{index}.branch0").Concat(Sequence($"features.{index}.branch1", 2)).Concat(Sequence($"features.{index}.branch2", 3)).Concat(ConvNormAct($"features.{index}.branch3.1")),
            10 => ConvNormAct("features.10.branch0").Concat(Sequence("features.10.branch1", 3)),
            < 18 => ConvNormAct($"features.{index}.branch0").Concat(Sequence($"features.{index}.branch1", 3)).Concat(Sequence($"features.{index}.branch2", 5)).Concat(ConvNormAct($"features.{index}.branch3.1")),
            18 => Sequence("features.18.branch0", 2).Concat(Sequence("features.18.branch1", 4)),
            _ => new[] { "branch0", "branch1_0", "branch1_1a", "branch1_1b", "branch2_0", "branch2_1", "branch2_2", "branch2_3a", "branch2_3b", "branch3.1" }
                .SelectMany(b => ConvNormAct($"features.{index}.{b}")),
        };
        var timm = Enumerable.Range(0, 22).SelectMany(Module).Append("last_linear.weight").Append("last_linear.bias").ToList();
        using var model = new InceptionV4();

        Assert.Equal(896, timm.Count);
        Assert.Equal(timm.Order(StringComparer.Ordinal), model.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InceptionResNetV2HasTimmStateDictKeys()
    {
        using var model = new InceptionResNetV2(classes: 10);
        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("conv2d_1a.conv.weight", keys);
        Assert.Contains("conv2d_1a.bn.running_var", keys);
        Assert.Contains("mixed_5b.branch3.1.conv.weight", keys);
        Assert.Contains("repeat.9.branch2.2.bn.bias", keys);
        Assert.Contains("repeat.0.conv2d.bias", keys);
        Assert.Contains("mixed_6a.branch1.2.conv.weight", keys);
        Assert.Contains("repeat_1.19.branch1.2.conv.weight", keys);
        Assert.Contains("mixed_7a.branch2.2.conv.weight", keys);
        Assert.Contains("repeat_2.8.conv2d.weight", keys);
        Assert.Contains("block8.branch1.2.bn.num_batches_tracked", keys);
        Assert.Contains("conv2d_7b.bn.weight", keys);
        Assert.Equal([10, 1536], model.state_dict()["classif.weight"].shape);
    }

    [Fact]
    public void PreActivationProjectionsHaveNoNormAndIdentityUnitsNoShortcut()
    {
        using var model = new PreActResNet164();
        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("layer1.0.downsample.0.weight", keys);
        Assert.DoesNotContain("layer1.0.downsample.1.weight", keys);
        Assert.Contains("layer3.17.bn1.weight", keys);
        Assert.DoesNotContain("layer3.17.downsample.0.weight", keys);
        Assert.Contains("bn1.running_mean", keys);
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

        Assert.Equal("ResNet18 expects input [N, 3, 32.., 32..] but got [8, 1, 28, 28].", error.Message);
    }

    private static List<string> Shapes(nn.Module model) =>
        model.state_dict().Select(p => p.Key + " " + string.Join("x", p.Value.shape)).ToList();

    private sealed record ZooEntry(
        Func<nn.Module<Tensor, Tensor>> Create,
        IReadOnlyList<long> InputShape,
        IReadOnlyList<long> OutputShape,
        long? InferredParameters);
}
