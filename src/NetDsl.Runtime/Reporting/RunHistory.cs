using System;
using System.Collections.Generic;
using System.IO;

namespace NetDsl.Runtime.Reporting;

/// <summary>The epochs of one training run, under the name a comparison shows it by.</summary>
/// <param name="Label">The run's name in tables and legends.</param>
/// <param name="Epochs">Its epoch reports, in epoch order.</param>
public sealed record RunHistory(string Label, IReadOnlyList<EpochReport> Epochs)
{
    /// <summary>
    /// Reads the run in <paramref name="path"/> (a run folder or its <c>metrics.jsonl</c>), labelled
    /// <paramref name="label"/> or, by default, by the run folder's name.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no metrics log there.</exception>
    /// <exception cref="InvalidDataException">The log is not a NetDsl metrics log, or has no finished epoch.</exception>
    public static RunHistory Load(string path, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var epochs = MetricsLogReader.Read(path);
        if (epochs.Count == 0)
        {
            throw new InvalidDataException($"'{path}' has no finished epoch yet: its metrics.jsonl has no epoch line.");
        }

        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new RunHistory(label ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), epochs);
    }
}
