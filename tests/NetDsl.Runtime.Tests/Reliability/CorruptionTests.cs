using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using Xunit;
using Xunit.Abstractions;

namespace NetDsl.Runtime.Tests.Reliability;

/// <summary>
/// Damages checkpoints and weight files (both formats) at seeded random places, in the ways disks and copies do
/// (a flipped byte, a block of garbage, a zeroed block, a cut-off end), and loads each: every one must be refused
/// with an error that names the file, and the model must be left as it was. docs/reliability.md quotes the counts.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CorruptionTests(ITestOutputHelper output)
{
    private const int TrialsPerFile = 250;

    [Fact]
    public void EveryDamagedFileIsRefusedAndNothingIsLoaded()
    {
        using var dir = new TempDirectory();
        Trainer.Seed(21);
        using var trained = new TinyNet(4);
        using (var trainer = new Trainer(trained, new TrainerOptions { Epochs = 1, Device = "cpu", CheckpointDirectory = dir.Path, Optimizer = OptimizerSettings.Sgd(0.05) }))
        {
            trainer.Fit(new BatchLoader(Synthetic.Bands(40, classes: 4, size: 8, seed: 4), 8));
        }

        ModelWeights.Save(trained, dir.File("w.safetensors"), new Dictionary<string, string> { ["model"] = "TinyNet" });
        ModelWeights.Save(trained, dir.File("w.dat"));
        using var target = new TinyNet(4);
        var (optimizer, _) = OptimizerFactory.Create(target, OptimizerSettings.Sgd(0.05), []);
        var loaders = new Dictionary<string, Action<string>>
        {
            ["last.ckpt"] = path => CheckpointStore.Load(path, target, optimizer),
            ["w.safetensors"] = path => ModelWeights.Load(target, path),
            ["w.dat"] = path => ModelWeights.Load(target, path),
        };
        var random = new Random(20261201);
        var counts = new Dictionary<string, int>();
        foreach (var (name, load) in loaders)
        {
            var original = File.ReadAllBytes(dir.File(name));
            load(dir.File(name));
            var before = Parameters.Snapshot(target);
            for (var trial = 0; trial < TrialsPerFile; trial++)
            {
                var (damaged, how) = Damage(original, random);
                var path = dir.File($"damaged-{trial}-{name}");
                File.WriteAllBytes(path, damaged);

                var e = Record.Exception(() => load(path));

                Assert.True(e is InvalidDataException or DamagedFileException, $"{name} with {how}: {(e is null ? "loaded" : e.GetType().Name + ": " + e.Message)}");
                Assert.Contains(path, e!.Message);
                Assert.Equal(before, Parameters.Snapshot(target));
                var kind = e is DamagedFileException ? "checksum" : "malformed";
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                File.Delete(path);
            }

            output.WriteLine($"{name} ({original.Length} bytes): {TrialsPerFile} damaged copies, all refused");
        }

        output.WriteLine($"refused by a checksum: {counts.GetValueOrDefault("checksum")}; as malformed or truncated: {counts.GetValueOrDefault("malformed")}");
        optimizer.Dispose();
    }

    /// <summary>A damaged copy of <paramref name="original"/>, never equal to it, and how it was damaged.</summary>
    private static (byte[] Bytes, string How) Damage(byte[] original, Random random)
    {
        while (true)
        {
            var bytes = original.ToArray();
            var at = random.Next(bytes.Length);
            var length = Math.Min(1 + random.Next(4096), bytes.Length - at);
            string how;
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 + random.Next(255));
                    how = $"byte {at} flipped";
                    break;
                case 1:
                    random.NextBytes(bytes.AsSpan(at, length));
                    how = $"{length} random bytes at {at}";
                    break;
                case 2:
                    bytes.AsSpan(at, length).Clear();
                    how = $"{length} zero bytes at {at}";
                    break;
                default:
                    bytes = bytes[..at];
                    how = $"cut to {at} bytes";
                    break;
            }

            if (!bytes.AsSpan().SequenceEqual(original))
            {
                return (bytes, how);
            }
        }
    }
}
