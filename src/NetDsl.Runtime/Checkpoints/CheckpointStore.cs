using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Checkpoints;

/// <summary>
/// <c>last.ckpt</c> and <c>best.ckpt</c> in one folder. Every write goes to a temporary file that is flushed to
/// disk and then renamed over the old one, so a crash or an error while saving leaves the previous checkpoint
/// whole. A checkpoint holds four sections, each with its own checksum (see <see cref="CheckpointLayout"/>): the
/// trainer state (JSON), libtorch's RNG state, the model's state dict and the optimizer's state; a run that keeps a
/// <see cref="WeightAverage"/> adds a fifth, the averaged state dict. Loading verifies every checksum and checks the
/// model and optimizer sections against the model and optimizer before it changes anything.
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
    /// <param name="state">The trainer's state.</param>
    /// <param name="model">The model, in its training state.</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="isBest">Whether this is the best epoch so far.</param>
    /// <param name="average">The run's weight average, if it keeps one.</param>
    public void Save(CheckpointState state, nn.Module model, OptimizerHelper optimizer, bool isBest, WeightAverage? average = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        AtomicFile.Write(LastPath, stream => Write(stream, state, model, optimizer, average), _createFile);
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
    /// <param name="path">The checkpoint.</param>
    /// <param name="model">Receives the weights.</param>
    /// <param name="optimizer">
    /// Receives the optimizer's state, to resume training: the model then receives the training weights. Without
    /// it (to evaluate, predict or export) the model receives the averaged weights of a run that kept an average.
    /// </param>
    /// <param name="average">Receives the run's weight average, to resume a run that keeps one.</param>
    /// <exception cref="FileNotFoundException">There is no such checkpoint.</exception>
    /// <exception cref="DamagedFileException">A section's checksum does not match: the file was changed after it was written.</exception>
    /// <exception cref="InvalidDataException">The file is not a NetDsl checkpoint of this format, or is truncated, or has no average to resume <paramref name="average"/> from.</exception>
    /// <exception cref="WeightsMismatchException">The checkpoint is for another model or optimizer.</exception>
    public static CheckpointState Load(string path, nn.Module model, OptimizerHelper? optimizer, WeightAverage? average = null)
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

        var hasAverage = sections.ContainsKey(CheckpointLayout.AverageSection);
        if (average is not null && !hasAverage)
        {
            throw new InvalidDataException(
                $"'{path}' was written by a run without a weight average, so there is none to resume; resume without one (no --ema), or start over.");
        }

        using var weights = OpenWeights(stream, sections, optimizer is null && hasAverage ? CheckpointLayout.AverageSection : "model", path);
        var plan = ModelWeights.Plan(model, weights, new WeightLoadOptions());
        using var averaged = average is null ? null : OpenWeights(stream, sections, CheckpointLayout.AverageSection, path);
        var averagePlan = averaged is null ? null : ModelWeights.Plan(model, averaged, new WeightLoadOptions());
        var optimizerState = optimizer is null ? null : CheckpointLayout.Bytes(stream, sections["optimizer"]);
        if (optimizer is not null)
        {
            OptimizerStateCheck.Check(optimizerState!, optimizer, path);
        }

        if (averagePlan is not null)
        {
            averagePlan.Apply();
            average!.TakeFromModel();
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

    private static TorchSharpWeightsFile OpenWeights(Stream stream, IReadOnlyDictionary<string, (long Offset, long Length)> sections, string name, string path)
    {
        var (offset, length) = sections[name];
        return TorchSharpWeightsFile.OpenRegion(stream, offset, offset + length, $"'{path}' ({name} section)");
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

    private static void Write(Stream stream, CheckpointState state, nn.Module model, OptimizerHelper optimizer, WeightAverage? average)
    {
        using var rng = torch.random.get_rng_state();
        var rngBytes = rng.data<byte>().ToArray();
        List<(string Name, Action<Stream> Write)> sections = [
            ("state", s => s.Write(JsonSerializer.SerializeToUtf8Bytes(state, Json))),
            ("rng", s => s.Write(rngBytes)),
            ("model", s => WithWriter(s, writer => model.save(writer))),
            ("optimizer", s => WithWriter(s, optimizer.save_state_dict)),
        ];
        if (average is not null)
        {
            sections.Add((CheckpointLayout.AverageSection, s =>
            {
                using var applied = average.Apply();
                WithWriter(s, writer => model.save(writer));
            }));
        }

        CheckpointLayout.Write(stream, sections);
    }

    private static void WithWriter(Stream stream, Action<BinaryWriter> write)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        write(writer);
        writer.Flush();
    }
}
