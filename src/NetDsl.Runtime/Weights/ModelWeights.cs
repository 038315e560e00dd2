using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// Moves a model's state dict (parameters and buffers) to and from files: safetensors (<c>.safetensors</c>, the
/// format weights travel in between PyTorch and .NET) or TorchSharp's own format (any other extension).
/// </summary>
public static class ModelWeights
{
    private const int ListedKeys = 8;

    /// <summary>Whether <paramref name="path"/> is read and written as safetensors.</summary>
    public static bool IsSafeTensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/>. Everything is checked before anything is copied,
    /// so a file that does not fit leaves the model as it was. Values are converted to each model tensor's dtype and
    /// device, as PyTorch's <c>load_state_dict</c> does.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="IO.DamagedFileException">The file's checksum does not match: it was changed after it was written.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or malformed.</exception>
    /// <exception cref="WeightsMismatchException">Keys are missing or unexpected (strict), or shapes differ.</exception>
    public static WeightLoadReport Load(nn.Module model, string path, WeightLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        using ITensorFile file = IsSafeTensors(path) ? SafeTensorsFile.Open(path) : TorchSharpWeightsFile.Open(path);
        return Plan(model, file, options ?? new WeightLoadOptions()).Apply();
    }

    /// <summary>Writes <paramref name="model"/>'s state dict to <paramref name="path"/> atomically, with a checksum (safetensors or TorchSharp's format by extension).</summary>
    public static void Save(nn.Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        if (IsSafeTensors(path))
        {
            SafeTensorsFile.Save(path, model.state_dict(), metadata);
        }
        else
        {
            TorchSharpWeightsFile.Save(model, path);
        }
    }

    /// <summary>
    /// Checks that <paramref name="file"/> fits <paramref name="model"/> (keys, shapes) without changing anything,
    /// and returns the copy to make.
    /// </summary>
    /// <exception cref="WeightsMismatchException">Keys are missing or unexpected (strict), or shapes differ.</exception>
    internal static WeightLoadPlan Plan(nn.Module model, ITensorFile file, WeightLoadOptions options)
    {
        var target = model.state_dict();
        var skipped = target.Keys.Concat(file.Entries.Select(e => e.Name)).Where(k => IsSkipped(k, options)).Distinct().ToList();
        var entries = file.Entries.Where(e => !IsSkipped(e.Name, options)).ToList();
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var missing = target.Keys.Where(k => !IsSkipped(k, options) && !names.Contains(k)).ToList();
        var unexpected = entries.Where(e => !target.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        var mismatched = entries
            .Where(e => target.TryGetValue(e.Name, out var t) && !t.shape.SequenceEqual(e.Shape))
            .Select(e => $"'{e.Name}' is {e.ShapeText} in the file but {TensorEntry.Format(target[e.Name].shape)} in the model")
            .ToList();
        var problems = new List<string>();
        if (mismatched.Count > 0)
        {
            problems.Add($"{mismatched.Count} tensor(s) have other shapes: {List(mismatched)}");
        }

        if (options.Strict && missing.Count > 0)
        {
            problems.Add($"{missing.Count} model key(s) are not in the file: {List(missing.Select(k => "'" + k + "'" + Nearest(k, unexpected)))}");
        }

        if (options.Strict && unexpected.Count > 0)
        {
            problems.Add($"{unexpected.Count} file key(s) are not in the model: {List(unexpected.Select(k => "'" + k + "'"))}");
        }

        if (problems.Count > 0)
        {
            var fix = mismatched.Count > 0
                ? " Skip the layers that differ on purpose (a classifier for another number of classes) by name pattern, e.g. 'fc.*' (WeightLoadOptions.Skip; netdsl train --weights-skip)."
                : " Load non-strictly to take the keys that match, or skip keys by pattern.";
            throw new WeightsMismatchException($"{file.Description} does not fit {model.GetType().Name}: {string.Join("; ", problems)}.{fix} The model is unchanged.");
        }

        var copies = entries.Where(e => target.ContainsKey(e.Name)).Select(e => (e, target[e.Name])).ToList();
        return new WeightLoadPlan(file, copies, new WeightLoadReport(copies.Select(c => c.e.Name).ToList(), missing, unexpected, skipped));
    }

    private static bool IsSkipped(string key, WeightLoadOptions options) => options.Skip.Any(p => NamePattern.Matches(p, key));

    /// <summary>A file key that is <paramref name="key"/> under another prefix (<c>module.</c> from DataParallel, a wrapper's name), as a hint.</summary>
    private static string Nearest(string key, IReadOnlyList<string> candidates)
    {
        var match = candidates.FirstOrDefault(c => c.EndsWith("." + key, StringComparison.Ordinal) || key.EndsWith("." + c, StringComparison.Ordinal));
        return match is null ? string.Empty : $" (the file has '{match}')";
    }

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return string.Join(", ", all.Take(ListedKeys)) + (all.Count > ListedKeys ? $", and {all.Count - ListedKeys} more" : string.Empty);
    }
}

