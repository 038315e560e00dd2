using System.IO;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class DataSetTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadsAnMnistLayoutSplit(bool gzip)
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteSplit(dir.Path, "t10k", count: 12, height: 4, width: 5, gzip);

        var set = MnistFormat.LoadFashionMnist(DataSplit.Test, dir.Path);

        Assert.Equal(12, set.Count);
        Assert.Equal(new ImageShape(1, 4, 5), set.Shape);
        Assert.Equal(3, set.Label(3));
        Assert.Equal(7, set.Pixels(3)[4]);
        Assert.Equal("Ankle boot", set.ClassNames[9]);
    }

    [Fact]
    public void MissingFashionMnistSaysHowToInstallIt()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<FileNotFoundException>(() => MnistFormat.LoadFashionMnist(DataSplit.Train, dir.Path));

        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("train-images-idx3-ubyte", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteSplit(dir.Path, "train", count: 4, height: 2, width: 2, gzip: false);
        IdxWriter.Write(Path.Combine(dir.Path, "train-labels-idx1-ubyte"), IdxWriter.Encode([3], [0, 1, 2]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => MnistFormat.LoadMnist(DataSplit.Train, dir.Path));

        Assert.Contains("4 images", e.Message);
        Assert.Contains("3 labels", e.Message);
    }

    [Fact]
    public void ImageFileMustHaveThreeDimensions()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteSplit(dir.Path, "train", count: 2, height: 2, width: 2, gzip: false);
        IdxWriter.Write(Path.Combine(dir.Path, "train-images-idx3-ubyte"), IdxWriter.Encode([2, 4], new byte[8]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => MnistFormat.LoadMnist(DataSplit.Train, dir.Path));

        Assert.Contains("has 2 dimensions", e.Message);
    }

    [Fact]
    public void ParsesCifar10Records()
    {
        var record = new byte[3073];
        record[0] = 7;
        record[1] = 10;
        record[1 + 1024] = 20;
        record[1 + 2048] = 30;

        var set = Cifar10Format.Parse([[.. record, .. record]], ["data_batch_1.bin"]);

        Assert.Equal(2, set.Count);
        Assert.Equal(new ImageShape(3, 32, 32), set.Shape);
        Assert.Equal(7, set.Label(1));
        Assert.Equal(10, set.Pixels(1)[0]);
        Assert.Equal(20, set.Pixels(1)[1024]);
        Assert.Equal(30, set.Pixels(1)[2048]);
        Assert.Equal("horse", set.ClassNames[7]);
    }

    [Fact]
    public void TruncatedCifar10BatchIsReported()
    {
        var e = Assert.Throws<InvalidDataException>(() => Cifar10Format.Parse([new byte[3073 + 100]], ["test_batch.bin"]));

        Assert.Contains("test_batch.bin", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void MissingCifar10FileIsNamed()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<FileNotFoundException>(() => Cifar10Format.Load(dir.Path, DataSplit.Test));

        Assert.Contains("test_batch.bin", e.Message);
    }

    [Fact]
    public void WhereClassesKeepsThoseClassesRelabelledInTheOrderGiven()
    {
        // Four 1×1×1 images whose pixel is their index; labels 0, 1, 2, 1.
        var set = new ImageSet([10, 11, 12, 13], [0, 1, 2, 1], new ImageShape(1, 1, 1), ["a", "b", "c"]);

        var subset = set.WhereClasses(2, 1);

        Assert.Equal(3, subset.Count);
        Assert.Equal(["c", "b"], subset.ClassNames);
        Assert.Equal([1, 0, 1], new[] { subset.Label(0), subset.Label(1), subset.Label(2) });
        Assert.Equal([11, 12, 13], new[] { subset.Pixels(0)[0], subset.Pixels(1)[0], subset.Pixels(2)[0] });
        Assert.Throws<System.ArgumentException>(() => set.WhereClasses(1, 1));
        Assert.Throws<System.ArgumentException>(() => set.WhereClasses(3));
    }
}
