using System.IO;
using System.Linq;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.TorchSharpBytes;

namespace NetDsl.Runtime.Tests.Weights;

[Collection(TorchCollection.Name)]
public sealed class TorchSharpWeightsFileTests
{
    [Fact]
    public void WhatNetDslWritesTorchSharpStillReads()
    {
        using var dir = new TempDirectory();
        var path = dir.File("w.dat");
        Trainer.Seed(1);
        using var model = new TinyNet(3);
        ModelWeights.Save(model, path);
        Trainer.Seed(2);
        using var fresh = new TinyNet(3);

        fresh.load(path);

        Assert.Equal(Parameters.Snapshot(model), Parameters.Snapshot(fresh));
        using var file = TorchSharpWeightsFile.Open(path);
        Assert.True(file.HasChecksum);
    }

    [Fact]
    public void WhatTorchSharpWritesLoadsWithoutAChecksum()
    {
        using var dir = new TempDirectory();
        var path = dir.File("torchsharp.dat");
        Trainer.Seed(1);
        using var model = new TinyNet(3);
        model.save(path);
        Trainer.Seed(2);
        using var fresh = new TinyNet(3);

        ModelWeights.Load(fresh, path);

        Assert.Equal(Parameters.Snapshot(model), Parameters.Snapshot(fresh));
        using var file = TorchSharpWeightsFile.Open(path);
        Assert.False(file.HasChecksum);
        Assert.Equal(model.state_dict().Keys, file.Entries.Select(e => e.Name));
    }

    [Fact]
    public void ADamagedTensorIsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("w.dat");
        using var model = new TinyNet(3);
        ModelWeights.Save(model, path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DamagedFileException>(() => ModelWeights.Load(model, path));

        Assert.Equal($"'{path}' is damaged: the state dict's checksum does not match; the file was changed after it was written. Nothing was loaded from it.", e.Message);
    }

    public static TheoryData<byte[], string> Lies => new()
    {
        { [.. Leb(1L << 40)], "it claims 1099511627776 entries but only 0 bytes follow" },
        { [.. Leb(1), 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], "the name of entry 0 has a length that is not a valid 7-bit-encoded integer" },
        { [.. Leb(1), .. Name("w"), .. Leb(99), .. Leb(1), .. Leb(4)], "tensor 'w' has the element type code 99, which is not one this reader knows" },
        { [.. Leb(1), .. Name("w"), .. Leb(6), .. Leb(1L << 33)], "tensor 'w' claims 8589934592 dimensions, more than the 0 bytes left" },
        { [.. Leb(1), .. Name("w"), .. Leb(6), .. Leb(2), .. Leb(100_000), .. Leb(100_000)], "tensor 'w' of shape [100000, 100000] needs 40000000000 bytes but only 0 are left; the file is truncated or damaged" },
        { [.. Leb(1), .. Name("w"), .. Leb(6), .. Leb(1), .. Leb(2), 0, 0, 0x80, 0x3F], "tensor 'w' of shape [2] needs 8 bytes but only 4 are left" },
        { [.. Leb(1), .. Name("w"), .. Leb(6), .. Leb(1), .. Leb(1), 0, 0, 0x80, 0x3F, 7, 7], "2 bytes follow its last tensor and it is not NetDsl's checksum trailer either; the file is damaged" },
        { [.. Leb(2), .. Name("w"), .. Leb(6), .. Leb(0), 0, 0, 0, 0, .. Name("w"), .. Leb(6), .. Leb(0), 0, 0, 0, 0], "it names 'w' twice" },
        { [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], "the entry count is not a valid LEB128 number (more than 63 bits)" },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public void AFileThatLiesAboutItsContentsIsAClearError(byte[] bytes, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("lie.dat");
        File.WriteAllBytes(path, bytes);
        using var model = new TinyNet(3);

        var e = Assert.Throws<InvalidDataException>(() => ModelWeights.Load(model, path));

        Assert.Contains($"'{path}' (TorchSharp format) is not a valid TorchSharp state dict: ", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
