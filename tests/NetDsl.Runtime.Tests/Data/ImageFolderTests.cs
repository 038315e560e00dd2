using System.IO;
using NetDsl.Runtime.Data;
using SkiaSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class ImageFolderTests
{
    private static void WritePng(string path, SKColor colour, int size = 6)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    [Fact]
    public void LoadsClassFoldersInNameOrderAndResizes()
    {
        using var dir = new TempDirectory();
        WritePng(dir.File("dog/a.png"), new SKColor(10, 20, 30));
        WritePng(dir.File("cat/b.png"), new SKColor(200, 100, 50));
        WritePng(dir.File("cat/c.png"), new SKColor(0, 255, 0));
        File.WriteAllText(dir.File("cat/notes.txt"), "not an image");

        var set = ImageFolder.Load(dir.Path, 4, 4);

        Assert.Equal(["cat", "dog"], set.ClassNames);
        Assert.Equal(3, set.Count);
        Assert.Equal(new ImageShape(3, 4, 4), set.Shape);
        Assert.Equal([0, 0, 1], new[] { set.Label(0), set.Label(1), set.Label(2) });
        Assert.Equal(200, set.Pixels(0)[0]);
        Assert.Equal(100, set.Pixels(0)[16]);
        Assert.Equal(50, set.Pixels(0)[32]);
        Assert.Equal(30, set.Pixels(2)[47]);
    }

    [Fact]
    public void GreyUsesLuma()
    {
        using var dir = new TempDirectory();
        WritePng(dir.File("a/x.png"), new SKColor(100, 100, 100));

        var set = ImageFolder.Load(dir.Path, 2, 2, grey: true);

        Assert.Equal(new ImageShape(1, 2, 2), set.Shape);
        Assert.Equal(100, set.Pixels(0)[3]);
    }

    [Fact]
    public void AnUndecodableImageIsNamed()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("a"));
        File.WriteAllText(dir.File("a/broken.png"), "definitely not a png");

        var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, 2, 2));

        Assert.Contains("broken.png", e.Message);
    }

    [Fact]
    public void AFolderWithoutClassesSaysWhatIsExpected()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, 2, 2));

        Assert.Contains("class sub-folders", e.Message);
    }
}
