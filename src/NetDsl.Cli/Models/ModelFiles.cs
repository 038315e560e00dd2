using System;
using System.IO;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Weights;
using static TorchSharp.torch;

namespace NetDsl.Cli.Models;

/// <summary>
/// Checkpoints and weights files given on the command line: loading one into a network and reading its prediction
/// metadata, with their failures as messages. A <c>--checkpoint</c> is <c>netdsl train</c>'s checkpoint, or weights
/// when it is <c>.safetensors</c>; a <c>--weights</c> file is safetensors or TorchSharp's format.
/// </summary>
internal static class ModelFiles
{
    /// <summary>The option that names a checkpoint.</summary>
    public const string CheckpointOption = "--checkpoint";

    /// <summary>The option that names a weights file.</summary>
    public const string WeightsOption = "--weights";

    /// <summary>Loads a checkpoint or weights file into <paramref name="model"/>, turning a file that does not fit into a message.</summary>
    /// <param name="model">The network.</param>
    /// <param name="modelName">The network's class name, for the message.</param>
    /// <param name="classes">The network's class count, for the message.</param>
    /// <param name="path">The file.</param>
    /// <param name="option">The option that named the file: <see cref="CheckpointOption"/> or <see cref="WeightsOption"/>.</param>
    /// <exception cref="CliException">The file is damaged, malformed or does not fit.</exception>
    public static void Load(nn.Module<Tensor, Tensor> model, string modelName, int classes, string path, string option)
    {
        try
        {
            if (IsCheckpoint(path, option))
            {
                CheckpointStore.Load(path, model, optimizer: null);
            }
            else
            {
                ModelWeights.Load(model, path);
            }
        }
        catch (Exception e) when (e is DamagedFileException or InvalidDataException)
        {
            throw new CliException(ExitCodes.RunFailed, $"{option}: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or WeightsMismatchException)
        {
            throw new CliException(
                ExitCodes.RunFailed,
                $"{option}: '{path}' does not fit {modelName} with {classes} classes ({e.Message}); was it trained with another --model or data set?",
                e);
        }
    }

    /// <summary>
    /// The prediction metadata a checkpoint's trainer state or a safetensors file's <c>__metadata__</c> holds; empty for
    /// files without it (older checkpoints, TorchSharp's weights format, files written by others).
    /// </summary>
    /// <exception cref="CliException">The file is damaged or malformed.</exception>
    public static PredictionMetadata Prediction(string path, string option)
    {
        try
        {
            if (ModelWeights.IsSafeTensors(path))
            {
                using var file = SafeTensorsFile.Open(path);
                return PredictionMetadata.FromStrings(file.Metadata, $"'{path}'");
            }

            return IsCheckpoint(path, option) ? CheckpointStore.Inspect(path).Prediction ?? new PredictionMetadata() : new PredictionMetadata();
        }
        catch (Exception e) when (e is DamagedFileException or InvalidDataException)
        {
            throw new CliException(ExitCodes.RunFailed, $"{option}: {e.Message}", e);
        }
    }

    /// <summary>Whether <paramref name="path"/>, named by <paramref name="option"/>, is read as a checkpoint.</summary>
    private static bool IsCheckpoint(string path, string option) => option == CheckpointOption && !ModelWeights.IsSafeTensors(path);
}
