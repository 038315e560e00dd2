using System.Collections.Generic;
using System.IO;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class PredictionMetadataTests
{
    [Fact]
    public void RoundTripsThroughTheMetadataStrings()
    {
        var metadata = new PredictionMetadata
        {
            ClassNames = ["T-shirt/top", "Trouser", "a \"quoted\" name"],
            Mean = [0.2860f, 0.1f, 1e-7f],
            Std = [0.3530f, 0.25f, 3f],
            Input = new ImageShape(3, 32, 32),
            DataShape = new ImageShape(1, 28, 28),
        };

        var strings = metadata.ToStrings();
        var read = PredictionMetadata.FromStrings(strings, "'x.safetensors'");

        Assert.Equal("[0.286,0.1,1E-07]", strings[PredictionMetadata.MeanKey]);
        Assert.Equal("[3,32,32]", strings[PredictionMetadata.InputKey]);
        Assert.Equal("[1,28,28]", strings[PredictionMetadata.DataShapeKey]);
        Assert.Equal(metadata.ClassNames, read.ClassNames!);
        Assert.Equal(metadata.Mean, read.Mean!);
        Assert.Equal(metadata.Std, read.Std!);
        Assert.Equal(metadata.Input, read.Input);
        Assert.Equal(metadata.DataShape, read.DataShape);
    }

    [Fact]
    public void KeysThatAreAbsentStayNullAndOtherKeysAreIgnored()
    {
        var strings = new PredictionMetadata { ClassNames = ["cat", "dog"] }.ToStrings();
        var read = PredictionMetadata.FromStrings(new Dictionary<string, string>(strings) { ["model"] = "ResNet18" }, "'x'");

        Assert.Equal([PredictionMetadata.ClassesKey], strings.Keys);
        Assert.Equal(["cat", "dog"], read.ClassNames!);
        Assert.Null(read.Mean);
        Assert.Null(read.Std);
        Assert.Null(read.Input);
        Assert.Null(read.DataShape);
        Assert.Empty(new PredictionMetadata().ToStrings());
    }

    [Theory]
    [InlineData(PredictionMetadata.ClassesKey, "cat,dog", "a JSON array of class names")]
    [InlineData(PredictionMetadata.ClassesKey, "[]", "a JSON array of class names, none empty")]
    [InlineData(PredictionMetadata.MeanKey, "[0.5, \"x\"]", "a JSON array of numbers, one per channel")]
    [InlineData(PredictionMetadata.StdKey, "[0.5, 0]", "a JSON array of positive numbers, one per channel")]
    [InlineData(PredictionMetadata.InputKey, "[3, 32]", "[C, H, W] as a JSON array of three whole numbers of 1 or more")]
    [InlineData(PredictionMetadata.DataShapeKey, "[1, 28.5, 28]", "[C, H, W] as a JSON array of whole numbers")]
    public void AMalformedValueNamesTheFileTheKeyAndWhatItShouldBe(string key, string value, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => PredictionMetadata.FromStrings(new Dictionary<string, string> { [key] = value }, "'w.safetensors'"));

        Assert.Equal($"'w.safetensors': the metadata '{key}' is '{value}', which is not {expected}.", e.Message);
    }
}
