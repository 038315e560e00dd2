using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetDsl.Runtime.IO;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Checkpoints;

/// <summary>
/// <c>last.ckpt</c> and <c>best.ckpt</c> in one folder. Every write goes to a temporary file that is flushed to
/// disk and then renamed over the old one, so a crash or an error while saving leaves the previous checkpoint
/// whole. A checkpoint holds the trainer state (JSON), libtorch's RNG state, the model's state dict and the
/// optimizer's state, between a magic header and an end marker that loading checks before touching the model.
/// </summary>
public sealed class CheckpointStore
{
    private static readonly byte[] Magic = "NDSLCKP1"u8.ToArray();
    private static readonly byte[] EndMarker = "NDSLEND1"u8.ToArray();

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Func<string, Stream> _createFile;

    /// <summary>Creates a store in <paramref name="directory"/> (created if missing).</summary>
    /// <param name="directory">The checkpoint folder.</param>
    /// <param name="createFile">Opens a temporary file for writing; tests pass one that fails midway.</param>
    public CheckpointStore(string directory, Func<string, Stream>? createFile = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        DirectoryPath = directory;
        _createFile = createFile ?? AtomicFile.CreateNew;
    }

    /// <summary>The checkpoint folder.</summary>
    public string DirectoryPath { get; }

    /// <summary>The checkpoint of the latest finished epoch.</summary>
    public string LastPath => Path.Combine(DirectoryPath, "last.ckpt");

    /// <summary>The checkpoint of the best epoch.</summary>
    public string BestPath => Path.Combine(DirectoryPath, "best.ckpt");

    /// <summary>Writes <see cref="LastPath"/>, and <see cref="BestPath"/> too when <paramref name="isBest"/>, atomically.</summary>
    public void Save(CheckpointState state, nn.Module model, OptimizerHelper optimizer, bool isBest)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        AtomicFile.Write(LastPath, stream => Write(stream, state, model, optimizer), _createFile);
        if (isBest)
        {
            AtomicFile.Write(BestPath, stream =>
            {
                using var source = File.OpenRead(LastPath);
                source.CopyTo(stream);
            }, _createFile);
        }
    }

    /// <summary>
    /// Restores the model, the optimizer (when given) and libtorch's RNG from <paramref name="path"/>, and returns
    /// the trainer state. The file is checked whole before anything is changed.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such checkpoint.</exception>
    /// <exception cref="InvalidDataException">The file is not a NetDsl checkpoint or is truncated.</exception>
    public static CheckpointState Load(string path, nn.Module model, OptimizerHelper? optimizer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + EndMarker.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a NetDsl checkpoint.");
        }

        if (!bytes.AsSpan(bytes.Length - EndMarker.Length).SequenceEqual(EndMarker))
        {
            throw new InvalidDataException($"Checkpoint '{path}' is truncated (no end marker); it was not written completely.");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length - EndMarker.Length));
        var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json)
            ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty trainer state.");
        var rng = reader.ReadBytes(reader.ReadInt32());
        model.load(reader);
        if (optimizer is not null)
        {
            optimizer.load_state_dict(reader);
        }

        using var rngState = torch.tensor(rng, ScalarType.Byte);
        torch.random.set_rng_state(rngState);
        return state;
    }

    private static void Write(Stream stream, CheckpointState state, nn.Module model, OptimizerHelper optimizer)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(JsonSerializer.Serialize(state, Json));
        using (var rng = torch.random.get_rng_state())
        {
            var bytes = rng.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }

        model.save(writer);
        optimizer.save_state_dict(writer);
        writer.Write(EndMarker);
        writer.Flush();
    }
}
