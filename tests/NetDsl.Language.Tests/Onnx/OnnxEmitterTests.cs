using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Backends;
using NetDsl.Language.Backends.Onnx;
using NetDsl.Language.Plan;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Language.Tests.Onnx;

/// <summary>The ONNX back end's graph model: which batch norms fold, the zero-padding shortcut's nodes, fixed and symbolic sizes, opsets.</summary>
public class OnnxEmitterTests
{
    private static readonly IReadOnlyDictionary<string, NetworkPlan> Zoo = ZooPlans.Load(Path.Combine(RepoRoot.Path, "samples", "NetDsl.Zoo"));

    /// <summary>A conv whose output a batch norm reads, and the residual's identity too.</summary>
    private const string SharedConvOutput = """
        network: Shared
        input: [3, 8, 8]
        layers:
          - conv: { out: 4, k: 3, pad: 1 }
          - residual:
              body:
                - bn
              shortcut: identity
          - conv: { out: 4, k: 1, norm: batch }
          - globalavgpool
          - flatten
          - linear: { out: 2 }
        """;

    private const string AnySize = """
        network: AnySize
        input: [3, 16, 16]
        accepts: [3, 8.., 8..]
        layers:
          - conv: { out: 4, k: 3, pad: 1 }
          - globalavgpool
          - flatten
          - linear: { out: 2 }
        """;

    private const string Adaptive = """
        network: Adaptive
        input: [3, 12, 12]
        accepts: [3, [8, 12], [8, 12]]
        layers:
          - conv: { out: 4, k: 3, pad: 1 }
          - adaptiveavgpool: 3
          - flatten
          - linear: { out: 2 }
        """;

    [Fact]
    public void EveryNormAfterAConvFoldsIntoItAndTheConvReadsTheFoldedWeights()
    {
        var plain = OnnxEmitter.Emit(Zoo["ResNet18"], new OnnxOptions());
        var folded = OnnxEmitter.Emit(Zoo["ResNet18"], new OnnxOptions { FoldBatchNorm = true });

        Assert.Equal(20, plain.Nodes.Count(n => n.OpType == "BatchNormalization"));
        Assert.DoesNotContain(folded.Nodes, n => n.OpType == "BatchNormalization");
        var conv1 = folded.Nodes.First(n => n.OpType == "Conv");
        var weight = folded.Initializers.Single(i => i.Name == conv1.Inputs[1]);
        Assert.Equal(new FoldedWeightSource("conv1.weight", new BatchNormKeys("bn1", 1e-5)), weight.Source);
        Assert.Equal(new FoldedBiasSource(null, new BatchNormKeys("bn1", 1e-5)), folded.Initializers.Single(i => i.Name == conv1.Inputs[2]).Source);
        Assert.DoesNotContain(folded.Initializers, i => i.Source is StateTensorSource s && s.Key.StartsWith("bn1.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void APreActivationNormBeforeItsConvStays()
    {
        var folded = OnnxEmitter.Emit(Zoo["PreActResNet18"], new OnnxOptions { FoldBatchNorm = true });
        var producers = folded.Nodes.ToDictionary(n => n.Outputs[0]);

        var norms = folded.Nodes.Where(n => n.OpType == "BatchNormalization").ToList();
        Assert.NotEmpty(norms);
        Assert.All(norms, n => Assert.True(!producers.TryGetValue(n.Inputs[0], out var p) || p.OpType != "Conv" || folded.Nodes.Count(r => r.Inputs.Contains(n.Inputs[0])) > 1, n.Layer));
    }

    [Fact]
    public void ANormIsNotFoldedIntoAConvWhoseOutputAnotherNodeReads()
    {
        var graph = OnnxEmitter.Emit(Plan(SharedConvOutput), new OnnxOptions { FoldBatchNorm = true });

        var norm = Assert.Single(graph.Nodes, n => n.OpType == "BatchNormalization");
        Assert.Equal("Conv", graph.Nodes.Single(n => n.Outputs[0] == norm.Inputs[0]).OpType);
        Assert.Equal(2, graph.Nodes.Count(n => n.Inputs.Contains(norm.Inputs[0])));
        Assert.Equal(2, graph.Nodes.Count(n => n.OpType == "Conv"));
    }

    [Fact]
    public void TheZeroPaddingShortcutSubsamplesWithASliceAndAppendsChannelsWithAPad()
    {
        var graph = OnnxEmitter.Emit(Zoo["CifarResNetA"], new OnnxOptions());
        var constants = graph.Constants.ToDictionary(c => c.Name);

        var slice = graph.Nodes.Single(n => n.OpType == "Slice" && n.Layer == "layer2.0.downsample");
        Assert.Equal([0, 0, 0, 0, 0, 16, 0, 0], constants[graph.Nodes.Single(n => n.OpType == "Pad" && n.Layer == "layer2.0.downsample").Inputs[1]].Values);
        Assert.Equal([2, 3], constants[slice.Inputs[3]].Values);
        Assert.Equal([2, 2], constants[slice.Inputs[4]].Values);
        Assert.Equal("layer2.0.downsample/Pad", graph.Nodes.Single(n => n.OpType == "Add" && n.Layer == "layer2.0").Inputs[1]);
        Assert.DoesNotContain(graph.Nodes, n => n.Layer == "layer1.0.downsample");
        Assert.Equal(2, graph.Nodes.Count(n => n.OpType == "Pad"));
    }

    [Fact]
    public void HeightAndWidthAreSymbolicWhenTheNetworkAcceptsManySizesAndNothingFixesThem()
    {
        var graph = OnnxEmitter.Emit(Plan(AnySize), new OnnxOptions());

        Assert.Equal("N, 3, H, W", string.Join(", ", graph.Input.Dims));
        Assert.Equal("N, 2", string.Join(", ", graph.Output.Dims));
        Assert.Equal("[3, 8.., 8..]", graph.Accepts);
        Assert.Contains("Accepts [3, 8.., 8..]", graph.DocString);
    }

    [Fact]
    public void AnAdaptivePoolBecomesAFixedWindowAndFixesTheInputSize()
    {
        var graph = OnnxEmitter.Emit(Plan(Adaptive), new OnnxOptions());

        var pool = graph.Nodes.Single(n => n.OpType == "AveragePool");
        Assert.Equal([4, 4], pool.Attributes.Single(a => a.Name == "kernel_shape").Ints);
        Assert.Equal("N, 3, 12, 12", string.Join(", ", graph.Input.Dims));
    }

    [Fact]
    public void AnAdaptivePoolThatDoesNotDivideTheInputIsRefusedNamingTheLayer()
    {
        var error = Assert.Throws<NotExportableException>(() => OnnxEmitter.Emit(Plan(Adaptive), new OnnxOptions { Input = (8, 8) }));

        Assert.Contains("the adaptive pool 'avgpool' pools [8, 8] to [3, 3]", error.Message);
    }

    [Fact]
    public void AnOpsetTooLowNamesTheFirstLayerThatNeedsMoreAndItsMinimum()
    {
        var error = Assert.Throws<NotExportableException>(() => OnnxEmitter.Emit(Zoo["GoogLeNet"], new OnnxOptions { Opset = 9 }));

        Assert.Contains("the layer 'maxpool1' needs opset 10 or later (ONNX MaxPool", error.Message);
        Assert.Contains("googlenet.net.yaml(", error.Message);
        Assert.Contains("opset 6 is not supported", Assert.Throws<NotExportableException>(() => OnnxEmitter.Emit(Zoo["GoogLeNet"], new OnnxOptions { Opset = 6 })).Message);
    }

    [Fact]
    public void TheInitializersAreTheStateDictsEntriesUnderTheirKeys()
    {
        var plan = Zoo["ResNet50"];
        var graph = OnnxEmitter.Emit(plan, new OnnxOptions());
        var tensors = plan.Summary.Tensors.ToDictionary(t => t.Key);

        Assert.All(graph.Initializers, i => Assert.Equal(tensors[((StateTensorSource)i.Source).Key].Shape, i.Shape));
        Assert.Equal(plan.Summary.Tensors.Count(t => !t.Key.EndsWith("num_batches_tracked", System.StringComparison.Ordinal)), graph.Initializers.Count);
    }

    private static NetworkPlan Plan(string yaml)
    {
        var file = Specs.File(yaml);
        var result = SpecAnalyzer.Analyze(file, file.Blocks);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Model.Severity.Error);
        return result.Plan!.Network!;
    }
}
