using System;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.TorchSharpBytes;

namespace NetDsl.Runtime.Tests.Checkpoints;

/// <summary>A checkpoint that is damaged, or that lies about its contents, is refused before anything changes.</summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointIntegrityTests
{
    [Theory]
    [InlineData("state")]
    [InlineData("rng")]
    [InlineData("model")]
    [InlineData("optimizer")]
    public void ADamagedSectionIsNamedAndNothingIsLoaded(string section)
    {
        using var dir = new TempDirectory();
        var path = Checkpoint(dir);
        var (offset, length) = Sections(path)[section];
        Flip(path, offset + (length / 2));
        using var model = new TinyNet(2);
        var before = Parameters.Snapshot(model);

        var e = Assert.Throws<DamagedFileException>(() => CheckpointStore.Load(path, model, optimizer: null));

        Assert.Equal($"'{path}' is damaged: the {section} section's checksum does not match; the file was changed after it was written. Nothing was loaded from it.", e.Message);
        Assert.Equal(before, Parameters.Snapshot(model));
    }

    [Fact]
    public void ADamagedSectionTableIsRefused()
    {
        using var dir = new TempDirectory();
        var path = Checkpoint(dir);
        Flip(path, new FileInfo(path).Length - 30);

        var e = Assert.Throws<DamagedFileException>(() => CheckpointStore.Inspect(path));

        Assert.Equal("the section table", e.Section);
    }

    [Fact]
    public void ACheckpointOfTheFormerFormatIsRefusedWithTheReason()
    {
        using var dir = new TempDirectory();
        var path = dir.File("old.ckpt");
        File.WriteAllBytes(path, [.. "NDSLCKP1"u8, .. new byte[64], .. "NDSLEND1"u8]);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointStore.Inspect(path));

        Assert.Contains("format 1, written by an earlier NetDsl without checksums", e.Message);
    }

    [Fact]
    public void AModelSectionThatClaimsAHugeTensorIsRefusedBeforeLibtorchAllocates()
    {
        using var dir = new TempDirectory();
        var path = Forged(dir, model: [.. Leb(1), .. Name("conv.weight"), .. Leb(6), .. Leb(4), .. Leb(1L << 40), .. Leb(1L << 40), .. Leb(3), .. Leb(3)], optimizer: []);
        using var model = new TinyNet(2);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointStore.Load(path, model, optimizer: null));

        Assert.Contains($"'{path}' (model section) is not a valid TorchSharp state dict: tensor 'conv.weight' of shape [1099511627776, 1099511627776, 3, 3] needs more than 2^63 bytes", e.Message);
    }

    [Fact]
    public void AnOptimizerSectionThatClaimsAHugeStateTensorIsRefused()
    {
        using var dir = new TempDirectory();
        using var model = new TinyNet(2);
        var (optimizer, _) = OptimizerFactory.Create(model, OptimizerSettings.Sgd(0.1), []);
        var parameters = optimizer.parameters().Count();
        var options = new byte[(5 * 8) + 2];
        var state = Enumerable.Range(0, parameters).SelectMany(_ => (byte[])[1, .. Leb(6), .. Leb(2), .. Leb(1L << 30), .. Leb(1L << 30)]);
        byte[] section = [.. Name("SGD"), .. Leb(1), .. Leb(parameters), .. options, .. state];
        var path = Forged(dir, model: ModelSection(model), optimizer: section);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointStore.Load(path, model, optimizer));

        Assert.Contains($"'{path}' has a malformed optimizer section: tensor 'state of parameter 0' of shape [1073741824, 1073741824] needs 4611686018427387904 bytes", e.Message);
        optimizer.Dispose();
    }

    [Fact]
    public void ResumingWithAnotherOptimizerSaysWhich()
    {
        using var dir = new TempDirectory();
        var path = Checkpoint(dir);
        using var model = new TinyNet(2);
        var (adam, _) = OptimizerFactory.Create(model, OptimizerSettings.Adam(), []);

        var e = Assert.Throws<WeightsMismatchException>(() => CheckpointStore.Load(path, model, adam));

        Assert.Contains("holds the state of a SGD optimizer but this run uses Adam; resume with the optimizer the run started with", e.Message);
        adam.Dispose();
    }

    /// <summary>A real checkpoint of a TinyNet trained for one epoch with SGD.</summary>
    private static string Checkpoint(TempDirectory dir)
    {
        Trainer.Seed(3);
        using var model = new TinyNet(2);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, Device = "cpu", CheckpointDirectory = dir.Path, Optimizer = OptimizerSettings.Sgd(0.05) });
        trainer.Fit(new NetDsl.Runtime.Data.BatchLoader(Synthetic.Bands(32, classes: 2, size: 8, seed: 1), 16));
        return Path.Combine(dir.Path, "last.ckpt");
    }

    private static System.Collections.Generic.IReadOnlyDictionary<string, (long Offset, long Length)> Sections(string path)
    {
        using var stream = File.OpenRead(path);
        return CheckpointLayout.Read(stream, path);
    }

    /// <summary>A checkpoint whose checksums are right but whose model and optimizer sections are the given bytes.</summary>
    private static string Forged(TempDirectory dir, byte[] model, byte[] optimizer)
    {
        var path = dir.File("forged.ckpt");
        using var rng = torch.random.get_rng_state();
        var rngBytes = rng.data<byte>().ToArray();
        using (var file = File.Create(path))
        {
            CheckpointLayout.Write(file, [
                ("state", s => s.Write(Encoding.UTF8.GetBytes("{\"CompletedEpochs\":1,\"GlobalStep\":2,\"BestEpoch\":0,\"BestScore\":0.5,\"History\":[]}"))),
                ("rng", s => s.Write(rngBytes)),
                ("model", s => s.Write(model)),
                ("optimizer", s => s.Write(optimizer)),
            ]);
        }

        return path;
    }

    private static byte[] ModelSection(TinyNet model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            model.save(writer);
        }

        return buffer.ToArray();
    }

    private static void Flip(string path, long offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
    }
}
