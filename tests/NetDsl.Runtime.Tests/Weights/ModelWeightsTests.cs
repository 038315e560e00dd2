using System.Linq;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

[Collection(TorchCollection.Name)]
public class ModelWeightsTests
{
    [Theory]
    [InlineData("w.safetensors")]
    [InlineData("w.dat")]
    public void SavedWeightsLoadIntoAFreshModelWithEveryBuffer(string fileName)
    {
        using var dir = new TempDirectory();
        var path = dir.File(fileName);
        Trainer.Seed(1);
        using var model = Trained();
        ModelWeights.Save(model, path);
        Trainer.Seed(2);
        using var fresh = new TinyNet(3);

        var report = ModelWeights.Load(fresh, path);

        Assert.Equal(Parameters.Snapshot(model), Parameters.Snapshot(fresh));
        Assert.Equal(model.state_dict().Keys.Order(), report.Loaded.Order());
        Assert.Empty(report.Missing);
    }

    [Fact]
    public void StrictLoadingNamesTheMissingAndUnexpectedKeysAndLeavesTheModelUnchanged()
    {
        using var dir = new TempDirectory();
        var path = dir.File("renamed.safetensors");
        using var source = new TinyNet(3);
        var renamed = source.state_dict().ToDictionary(kv => kv.Key == "conv.weight" ? "features.conv.weight" : kv.Key, kv => kv.Value);
        SafeTensorsFile.Save(path, renamed);
        using var target = new TinyNet(3);
        var before = Parameters.Snapshot(target);

        var e = Assert.Throws<WeightsMismatchException>(() => ModelWeights.Load(target, path));

        Assert.Contains("1 model key(s) are not in the file: 'conv.weight' (the file has 'features.conv.weight')", e.Message);
        Assert.Contains("1 file key(s) are not in the model: 'features.conv.weight'", e.Message);
        Assert.Contains("The model is unchanged.", e.Message);
        Assert.Equal(before, Parameters.Snapshot(target));
    }

    [Fact]
    public void NonStrictLoadingTakesTheKeysThatMatchAndReportsTheRest()
    {
        using var dir = new TempDirectory();
        var path = dir.File("partial.safetensors");
        using var source = new TinyNet(3);
        var partial = source.state_dict().Where(kv => kv.Key != "fc.bias").ToDictionary(kv => kv.Key, kv => kv.Value);
        partial["extra.weight"] = ones(2);
        SafeTensorsFile.Save(path, partial);
        using var target = new TinyNet(3);
        var fcBias = target.state_dict()["fc.bias"].clone();

        var report = ModelWeights.Load(target, path, new WeightLoadOptions { Strict = false });

        Assert.Equal(["fc.bias"], report.Missing);
        Assert.Equal(["extra.weight"], report.Unexpected);
        Assert.Equal(Parameters.Snapshot(source)["conv.weight"], Parameters.Snapshot(target)["conv.weight"]);
        Assert.True(fcBias.eq(target.state_dict()["fc.bias"]).all().item<bool>());
    }

    [Fact]
    public void AShapeMismatchNamesBothShapesEvenWhenNotStrict()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ten.safetensors");
        using var tenClasses = new TinyNet(10);
        ModelWeights.Save(tenClasses, path);
        using var threeClasses = new TinyNet(3);

        var e = Assert.Throws<WeightsMismatchException>(() => ModelWeights.Load(threeClasses, path, new WeightLoadOptions { Strict = false }));

        Assert.Contains("'fc.weight' is [10, 64] in the file but [3, 64] in the model", e.Message);
        Assert.Contains("'fc.bias' is [10] in the file but [3] in the model", e.Message);
        Assert.Contains("by name pattern, e.g. 'fc.*'", e.Message);
    }

    [Fact]
    public void SkippedKeysKeepTheModelsOwnValuesForANewClassifier()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ten.safetensors");
        Trainer.Seed(3);
        using var tenClasses = new TinyNet(10);
        ModelWeights.Save(tenClasses, path);
        using var threeClasses = new TinyNet(3);
        var head = Parameters.Snapshot(threeClasses)["fc.weight"];

        var report = ModelWeights.Load(threeClasses, path, new WeightLoadOptions { Skip = ["fc.*"] });

        Assert.Equal(["fc.weight", "fc.bias"], report.Skipped);
        Assert.Equal(head, Parameters.Snapshot(threeClasses)["fc.weight"]);
        Assert.Equal(Parameters.Snapshot(tenClasses)["conv.weight"], Parameters.Snapshot(threeClasses)["conv.weight"]);
    }

    [Fact]
    public void ValuesAreConvertedToTheModelsDType()
    {
        using var dir = new TempDirectory();
        var path = dir.File("f64.safetensors");
        using var source = new TinyNet(3);
        var doubles = source.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.dtype == ScalarType.Float32 ? kv.Value.to_type(ScalarType.Float64) : kv.Value);
        SafeTensorsFile.Save(path, doubles);
        using var target = new TinyNet(3);

        ModelWeights.Load(target, path);

        Assert.Equal(ScalarType.Float32, target.state_dict()["conv.weight"].dtype);
        Assert.Equal(Parameters.Snapshot(source), Parameters.Snapshot(target));
    }

    [Fact]
    public void ATorchSharpFileThatDoesNotFitIsAMismatchThatNamesTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ten.dat");
        using var tenClasses = new TinyNet(10);
        ModelWeights.Save(tenClasses, path);
        using var threeClasses = new TinyNet(3);

        var e = Assert.Throws<WeightsMismatchException>(() => ModelWeights.Load(threeClasses, path));

        Assert.Contains(path, e.Message);
        Assert.Contains("TorchSharp format", e.Message);
    }

    private static TinyNet Trained()
    {
        var model = new TinyNet(3);
        using var _ = no_grad();
        foreach (var (_, buffer) in model.named_buffers())
        {
            buffer.add_(1);
        }

        return model;
    }
}
