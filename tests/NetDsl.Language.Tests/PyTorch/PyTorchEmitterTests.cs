using System.IO;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Backends;
using NetDsl.Language.Backends.PyTorch;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Language.Tests.PyTorch;

/// <summary>The PyTorch back end: every zoo network's module against its snapshot, and the Python it writes for the hard cases.</summary>
public class PyTorchEmitterTests
{
    /// <summary>Names Python reserves (keywords, module-level names, a parameter without a default after one with) in every place a name goes.</summary>
    private const string OddNames = """
        network: Odd
        input: [3, 8, 8]
        params: { lambda: int = 4, nn: int = 2, classes: int = 10 }
        blocks:
          Unit:
            params: { in_channels: int = 1, from: int }
            layers:
              - conv: { name: pass, out: $from * $in_channels, k: 3, pad: 1 }
        layers:
          - Unit: { from: $lambda, in_channels: $nn }
          - globalavgpool
          - flatten
          - linear: { out: $classes }
        """;

    public static TheoryData<string> Networks => new(ZooModules.Networks);

    [Theory]
    [MemberData(nameof(Networks))]
    public void ZooModuleMatchesSnapshot(string network)
    {
        var module = ZooModules.Module(network);
        Snapshot.Verify(module.ModuleName, module.Source, ".py");
    }

    [PythonLintFact]
    public void ModulesCompileAndAreCleanUnderPyflakes()
    {
        var folder = Directory.CreateTempSubdirectory("netdsl-pytorch-").FullName;
        try
        {
            var files = ZooModules.Networks.Select(ZooModules.Module).Append(Emit(OddNames)).Select(m => Write(folder, m)).ToList();
            Assert.Equal(string.Empty, PythonLint.Problems(files));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ModuleNamesAreTheNetworksInSnakeCase()
    {
        Assert.Equal(
            new[] { "alex_net", "cifar_res_net_a", "goog_le_net", "inception_res_net_v2", "inception_v4", "vgg16" },
            new[] { "AlexNet", "CifarResNetA", "GoogLeNet", "InceptionResNetV2", "InceptionV4", "VGG16" }.Select(n => ZooModules.Module(n).ModuleName));
    }

    [Fact]
    public void IntegerDivisionIsFloorDivisionAndARepeatIsAComprehension()
    {
        var source = ZooModules.Module("CifarResNetA").Source;

        Assert.Contains("BasicBlockA(16 if i == 0 else 32, planes=32, stride=2 if i == 0 else 1)", source);
        Assert.Contains("for i in range((depth - 2) // 6)", source);
    }

    [Fact]
    public void AuxiliaryHeadsAreBuiltOnlyWithAuxLogitsAndReturnedInTrainingMode()
    {
        var module = ZooModules.Module("GoogLeNet");

        Assert.True(module.AuxiliaryHeads);
        Assert.Contains("def __init__(self, classes: int = 1000, aux_logits: bool = True) -> None:", module.Source);
        Assert.Contains("aux_loss_weights = {\"aux1\": 0.3, \"aux2\": 0.3}", module.Source);
        Assert.Contains("        if aux_logits:\n            self.aux1 = GoogLeNetAux(512, classes=classes)\n            self.aux2 = GoogLeNetAux(528, classes=classes)\n", module.Source);
        Assert.Contains("        if self.training and self.aux_logits:\n            return GoogLeNetOutputs(x, aux1, aux2)\n        return x\n", module.Source);
    }

    [Fact]
    public void NamesPythonReservesGetAnUnderscoreAndKeywordLayersAreReachedByName()
    {
        var module = Emit(OddNames);

        Assert.Contains("def __init__(self, in_channels: int, in_channels_: int = 1, *, from_: int) -> None:", module.Source);
        Assert.Contains("self.add_module(\"pass\", nn.Conv2d(in_channels, from_ * in_channels_, 3, padding=1))", module.Source);
        Assert.Contains("return getattr(self, \"pass\")(x)", module.Source);
        Assert.Contains("def __init__(self, lambda_: int = 4, nn_: int = 2, classes: int = 10) -> None:", module.Source);
        Assert.Contains("self.unit = Unit(3, in_channels_=nn_, from_=lambda_)", module.Source);
        Assert.Equal("lambda_", module.Parameters["lambda"]);
    }

    [Fact]
    public void ALayerNamedLikeAModuleAttributeIsRefusedWithItsPlace()
    {
        var plan = Plan("""
            network: Trains
            input: [3, 8, 8]
            layers:
              - conv: { name: train, out: 4, k: 3 }
              - flatten
              - linear: { out: 2 }
            """);

        var error = Assert.Throws<NotExportableException>(() => PyTorchEmitter.Emit(plan));
        Assert.Equal(3, error.Span.StartLine);
        Assert.Contains("torch.nn.Module has an attribute 'train'", error.Message);
    }

    [Fact]
    public void AnInputCheckNamesTheAcceptedSizes()
    {
        Assert.Contains(
            "        if x.dim() != 4 or x.shape[1] != 3 or x.shape[2] < 32 or x.shape[3] < 32:\n            raise ValueError(f\"ResNet50 expects input [N, 3, 32.., 32..] but got {list(x.shape)}.\")\n",
            ZooModules.Module("ResNet50").Source);
        Assert.Contains("if x.dim() != 4 or x.shape[1:] != (3, 299, 299):", ZooModules.Module("InceptionV4").Source);
    }

    private static Plan.NetworkPlan Plan(string yaml)
    {
        var file = Specs.File(yaml);
        var result = SpecAnalyzer.Analyze(file, file.Blocks);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Model.Severity.Error);
        return result.Plan!.Network!;
    }

    private static PyTorchModule Emit(string yaml) => PyTorchEmitter.Emit(Plan(yaml));

    private static string Write(string folder, PyTorchModule module)
    {
        var path = Path.Combine(folder, module.ModuleName + ".py");
        File.WriteAllText(path, module.Source);
        return path;
    }
}
