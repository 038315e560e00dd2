using System;
using System.IO;
using System.Linq;
using System.Reflection;
using NetDsl.Language.Emit;
using NetDsl.Language.Model;
using TorchSharp;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>Generated code loaded and run: the module tree TorchSharp registers is torchvision's.</summary>
public class RuntimeTests
{
    [Fact]
    public void GeneratedResNet50HasTorchvisionsParametersAndKeys()
    {
        var source = SpecEmitter.Emit(HandBuiltSpecs.ResNet50(), EquatableArray<BlockDef>.Empty, null);
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
}
