using System.IO;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class IdxFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsDimensionsAndValues(bool gzip)
    {
        using var dir = new TempDirectory();
        var path = dir.File("x-idx3-ubyte");
        IdxWriter.Write(path, IdxWriter.Encode([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), gzip);

        var (dims, values) = IdxFile.Read(path);

        Assert.Equal([2, 2, 3], dims);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, values);
    }

    [Fact]
    public void TruncatedFileNamesTheFileAndTheMissingBytes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("short-idx1-ubyte");
        var bytes = IdxWriter.Encode([10], new byte[10]);
        File.WriteAllBytes(path, bytes[..^3]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("7 of the 10 bytes", e.Message);
    }

    [Fact]
    public void TruncatedHeaderIsReported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("dimension 0", e.Message);
    }

    [Fact]
    public void WrongMagicIsNotIdx()
    {
        using var dir = new TempDirectory();
        var path = dir.File("text.txt");
        File.WriteAllText(path, "hello world");

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("not an IDX file", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void UnsupportedTypeIsNamed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("floats");
        File.WriteAllBytes(path, IdxWriter.Encode([1], [0, 0, 0, 0], type: 0x0D));

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("0x0D", e.Message);
    }

    [Fact]
    public void TrailingBytesAreAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.File("long");
        File.WriteAllBytes(path, [.. IdxWriter.Encode([2], [1, 2]), 3]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("after the 2 values", e.Message);
    }

    [Fact]
    public void CorruptGzipIsReportedAsInvalidData()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.gz");
        File.WriteAllBytes(path, [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => IdxFile.Read("/nonexistent/train-images-idx3-ubyte"));

        Assert.Contains("/nonexistent/train-images-idx3-ubyte", e.Message);
    }
}
