using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Checkpoints;

/// <summary>
/// <c>last.ckpt</c> and <c>best.ckpt</c> in one folder. Every write goes to a temporary file that is flushed to
/// disk and then renamed over the old one, so a crash or an error while saving leaves the previous checkpoint
/// whole. A checkpoint holds four sections, each with its own checksum (see <see cref="CheckpointLayout"/>): the
/// trainer state (JSON), libtorch's RNG state, the model's state dict and the optimizer's state. Loading verifies
/// every checksum and checks the model and optimizer sections against the model and optimizer before it changes
/// anything.
/// </summary>
public sealed class CheckpointStore
{
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

    /// <summary>The latest checkpoint: the end of the last finished epoch, or a later step of the current one.</summary>
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
    /// the trainer state. The file is verified whole, and checked against the model and optimizer, before anything
    /// is changed.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such checkpoint.</exception>
    /// <exception cref="DamagedFileException">A section's checksum does not match: the file was changed after it was written.</exception>
    /// <exception cref="InvalidDataException">The file is not a NetDsl checkpoint of this format, or is truncated.</exception>
    /// <exception cref="WeightsMismatchException">The checkpoint is for another model or optimizer.</exception>
    public static CheckpointState Load(string path, nn.Module model, OptimizerHelper? optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = OpenFile(path);
        var sections = CheckpointLayout.Read(stream, path);
        var state = ReadState(stream, sections["state"], path);
        var rng = CheckpointLayout.Bytes(stream, sections["rng"]);
        using (var current = torch.random.get_rng_state())
        {
            if (rng.Length != current.numel())
            {
                throw new InvalidDataException($"'{path}' holds a random-number state of {rng.Length} bytes but libtorch's is {current.numel()}; it was written by another libtorch.");
            }
        }

        var (modelOffset, modelLength) = sections["model"];
        using var weights = TorchSharpWeightsFile.OpenRegion(stream, modelOffset, modelOffset + modelLength, $"'{path}' (model section)");
        var plan = ModelWeights.Plan(model, weights, new WeightLoadOptions());
        var optimizerState = optimizer is null ? null : CheckpointLayout.Bytes(stream, sections["optimizer"]);
        if (optimizer is not null)
        {
            OptimizerStateCheck.Check(optimizerState!, optimizer, path);
        }

        plan.Apply();
        if (optimizer is not null)
        {
            using var reader = new BinaryReader(new MemoryStream(optimizerState!, writable: false));
            optimizer.load_state_dict(reader);
        }

        using var rngState = torch.tensor(rng, ScalarType.Byte);
        torch.random.set_rng_state(rngState);
        return state;
    }

    /// <summary>Verifies <paramref name="path"/> whole and returns its trainer state, without a model.</summary>
    /// <exception cref="FileNotFoundException">There is no such checkpoint.</exception>
    /// <exception cref="DamagedFileException">A section's checksum does not match.</exception>
    /// <exception cref="InvalidDataException">The file is not a NetDsl checkpoint of this format, or is truncated.</exception>
    public static CheckpointState Inspect(string path)
    {
        using var stream = OpenFile(path);
        return ReadState(stream, CheckpointLayout.Read(stream, path)["state"], path);
    }

    private static FileStream OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        }

        return File.OpenRead(path);
    }

    private static CheckpointState ReadState(Stream stream, (long Offset, long Length) section, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointState>(CheckpointLayout.Bytes(stream, section), Json)
                ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty trainer state.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Checkpoint '{path}' has a trainer state that is not valid ({e.Message}).", e);
        }
    }

    private static void Write(Stream stream, CheckpointState state, nn.Module model, OptimizerHelper optimizer)
    {
        using var rng = torch.random.get_rng_state();
        var rngBytes = rng.data<byte>().ToArray();
        CheckpointLayout.Write(stream, [
            ("state", s => s.Write(JsonSerializer.SerializeToUtf8Bytes(state, Json))),
            ("rng", s => s.Write(rngBytes)),
            ("model", s => WithWriter(s, writer => model.save(writer))),
            ("optimizer", s => WithWriter(s, optimizer.save_state_dict)),
        ]);
    }

    private static void WithWriter(Stream stream, Action<BinaryWriter> write)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        write(writer);
        writer.Flush();
    }
}
