using System;
using System.IO;
using System.Linq;
using System.Reflection;
using NetDsl.Language.Model;
using TorchSharp;
using Xunit;
using NetDsl.Language;

namespace NetDsl.Generators.Tests;

/// <summary>Generated code loaded and run: the module tree TorchSharp registers is torchvision's.</summary>
public class RuntimeTests
{
    [Fact]
    public void GeneratedResNet50HasTorchvisionsParametersAndKeys()
    {
        var source = HandBuiltSpecs.Emit(HandBuiltSpecs.ResNet50());
        using var stream = new MemoryStream();
        var emitted = Compiler.Create(source).Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(stream.ToArray());

        using var model = (torch.nn.Module)Activator.CreateInstance(assembly.GetType("NetDsl.Tests.ResNet50")!, 1000)!;

        var state = model.state_dict();
        Assert.Equal(25_557_032L, model.parameters().Sum(p => p.numel()));
        Assert.Equal(320, state.Count);
        Assert.Contains("layer1.0.conv1.weight", state.Keys);
        Assert.Contains("layer1.0.downsample.0.weight", state.Keys);
        Assert.Contains("layer2.0.downsample.1.running_mean", state.Keys);
        Assert.DoesNotContain(state.Keys, k => k.StartsWith("layer1.1.downsample", StringComparison.Ordinal));
        Assert.Contains("fc.bias", state.Keys);

        model.eval();
        using var input = torch.randn(2, 3, 224, 224);
        using var output = ((torch.nn.Module<torch.Tensor, torch.Tensor>)model).forward(input);
        Assert.Equal(new long[] { 2, 1000 }, output.shape);
    }

    [Theory]
    [InlineData("resnet18.net.yaml", "ResNet18", 11_689_512L, 122)]
    [InlineData("resnet50.net.yaml", "ResNet50", 25_557_032L, 320)]
    public void ZooNetworksMatchTheirParameterCountConstant(string spec, string network, long parameters, int tensors)
    {
        var zoo = Path.Combine(GeneratorHarness.RepoRoot(), "samples", "NetDsl.Zoo");
        var library = GeneratorHarness.SampleSpecs()
            .Select(p => SpecParser.Parse(p, File.ReadAllText(p), "NetDsl.Zoo").File)
            .SelectMany(f => f?.Blocks ?? EquatableArray<BlockDef>.Empty)
            .ToEquatableArray();
        var path = Path.Combine(zoo, spec);
        var result = NetDslProject.Run(path, File.ReadAllText(path), "NetDsl.Zoo", library);
        Assert.True(result.Source is not null, string.Join("\n", result.Diagnostics));
        var blocks = NetDslProject.Run(Path.Combine(zoo, "resnet_blocks.net.yaml"), File.ReadAllText(Path.Combine(zoo, "resnet_blocks.net.yaml")), "NetDsl.Zoo", library);
        using var stream = new MemoryStream();
        var emitted = Compiler.Create(result.Source!, blocks.Source!).Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var type = Assembly.Load(stream.ToArray()).GetType("NetDsl.Zoo." + network)!;

        using var model = (torch.nn.Module)Activator.CreateInstance(type, 1000)!;

        var actual = model.parameters().Sum(p => p.numel());
        Assert.Equal(parameters, actual);
        Assert.Equal(parameters, (long)type.GetField("ParameterCount")!.GetValue(null)!);
        Assert.Equal(tensors, model.state_dict().Count);
    }
}
