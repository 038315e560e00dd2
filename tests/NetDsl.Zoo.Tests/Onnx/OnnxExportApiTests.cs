using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language.Backends;
using NetDsl.Runtime.Export;
using NetDsl.Runtime.Weights;
using NetDsl.Zoo.Tests.Parity;
using Xunit;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>OnnxExport.Save from a plan or from the specs; what it refuses, writing nothing: weights that do not fit, another network, an output it cannot write, an opset too low.</summary>
public class OnnxExportApiTests
{
    private static readonly string[] ZooSpecs = Directory.GetFiles(Path.GetDirectoryName(ZooReferences.RepositoryFile(Path.Combine("samples", "NetDsl.Zoo", "references.json")))!, "*.net.yaml");

    [Fact]
    public void AModuleWithOtherShapesIsRefusedNamingTheKeyAndBothShapesAndNothingIsWritten()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetA(classes: 5);
        var path = folder.File("model.onnx");

        var error = Assert.Throws<WeightsMismatchException>(() => OnnxExport.Save(model, ExportedReference.Plan("CifarResNetA"), path));

        Assert.Contains("fc.weight is [5, 64], the plan has [10, 64]", error.Message);
        Assert.Contains("fc.bias is [5], the plan has [10]", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AModuleWithOtherKeysIsRefusedNamingTheMissingAndUnexpectedOnes()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetA(depth: 32);
        var path = folder.File("model.onnx");

        var error = Assert.Throws<WeightsMismatchException>(() => OnnxExport.Save(model, ExportedReference.Plan("CifarResNetA"), path));

        Assert.Contains("unexpected: layer1.3.conv1.weight [16, 16, 3, 3]", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void TheParameterValuesTheModuleWasBuiltWithMakeItFit()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetA(depth: 32, classes: 5);
        var path = folder.File("model.onnx");

        var graph = OnnxExport.Save(model, ExportedReference.Plan("CifarResNetA"), path, new OnnxExportOptions { Parameters = new Dictionary<string, double> { ["depth"] = 32, ["classes"] = 5 } });

        Assert.Equal("5", graph.Output.Dims[1].ToString());
        Assert.True(new FileInfo(path).Length > 0);
    }

    [Fact]
    public void TheSpecsOfTheProjectGiveThePlanOfTheModulesNetwork()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetA();

        var graph = OnnxExport.Save(model, ZooSpecs, folder.File("model.onnx"));

        Assert.Equal(OnnxExport.Save(model, ExportedReference.Plan("CifarResNetA"), folder.File("again.onnx")), graph);
        Assert.Equal(File.ReadAllBytes(folder.File("again.onnx")), File.ReadAllBytes(folder.File("model.onnx")));
    }

    [Fact]
    public void SpecsWithoutTheModulesNetworkAreRefusedNamingTheOnesTheyDeclare()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetA();
        var specs = ZooSpecs.Where(f => !f.EndsWith("cifar_resnet_a.net.yaml", System.StringComparison.Ordinal));

        var error = Assert.Throws<System.ArgumentException>(() => OnnxExport.Save(model, specs, folder.File("model.onnx")));

        Assert.StartsWith("No spec declares the network CifarResNetA; they declare: ", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AnotherNetworksModuleIsRefused()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetB();

        var error = Assert.Throws<System.ArgumentException>(() => OnnxExport.Save(model, ExportedReference.Plan("CifarResNetA"), folder.File("model.onnx")));

        Assert.Contains("CifarResNetB, not the network CifarResNetA", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AnOutputThatCannotBeWrittenLeavesNothingBehind()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetA();
        var taken = folder.File("taken.onnx");
        Directory.CreateDirectory(taken);
        File.WriteAllText(Path.Combine(taken, "keep.txt"), "kept");

        Assert.ThrowsAny<IOException>(() => OnnxExport.Save(model, ExportedReference.Plan("CifarResNetA"), taken));

        Assert.Equal([taken], Directory.GetFileSystemEntries(folder.Path));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(taken, "keep.txt")));
    }

    [Fact]
    public void AnOpsetTooLowForALayerNamesTheLayerAndTheOpsetItNeeds()
    {
        using var folder = new ScratchFolder();
        using var model = new CifarResNetA();
        var path = folder.File("model.onnx");

        var error = Assert.Throws<NotExportableException>(() => OnnxExport.Save(model, ExportedReference.Plan("CifarResNetA"), path, new OnnxExportOptions { Opset = 10 }));

        Assert.Contains("the layer 'layer2.0.downsample' needs opset 11 or later (ONNX Pad", error.Message);
        Assert.Contains("cifar_resnet_a.net.yaml(", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
