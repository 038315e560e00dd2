using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Reporting;

/// <summary>Reads the epochs of a run back from the <c>metrics.jsonl</c> that <see cref="MetricsLog"/> wrote.</summary>
public static class MetricsLogReader
{
    private const string TopErrorPrefix = "top";
    private const string TopErrorSuffix = "_error";

    /// <summary>The key of the top-<paramref name="k"/> error in a split's figures: <c>top5_error</c>.</summary>
    public static string TopErrorKey(int k) => string.Create(CultureInfo.InvariantCulture, $"{TopErrorPrefix}{k}{TopErrorSuffix}");

    /// <summary>
    /// The epoch reports of <paramref name="path"/> (a run folder, or its <c>metrics.jsonl</c>), in epoch order; the
    /// checkpoint path of each is null. A half-written last line (a run killed while writing it) is skipped.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no metrics log there.</exception>
    /// <exception cref="InvalidDataException">A complete line is not an epoch or batch line of a metrics log; the message names the file and line.</exception>
    public static IReadOnlyList<EpochReport> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, "metrics.jsonl") : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException(
                Directory.Exists(path) ? $"'{path}' has no metrics.jsonl; is it the --out folder of a training run?" : $"'{path}' does not exist.", file);
        }

        var lines = File.ReadAllLines(file);
        var epochs = new SortedDictionary<int, EpochReport>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                using var line = JsonDocument.Parse(lines[i]);
                if (line.RootElement.GetProperty("type").GetString() == "epoch")
                {
                    var epoch = Epoch(line.RootElement);
                    epochs[epoch.Epoch] = epoch;
                }
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                continue;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{file}({i + 1}): not a line of a NetDsl metrics log ({e.Message}).", e);
            }
        }

        return [.. epochs.Values];
    }

    private static EpochReport Epoch(JsonElement line) => new(
        line.GetProperty("epoch").GetInt32(),
        Summary(line.GetProperty("train")),
        line.GetProperty("validation").ValueKind == JsonValueKind.Null ? null : Summary(line.GetProperty("validation")),
        Number(line.GetProperty("learning_rate")),
        Number(line.GetProperty("seconds")),
        Number(line.GetProperty("images_per_second")),
        Number(line.GetProperty("data_wait_seconds")),
        line.GetProperty("is_best").GetBoolean(),
        Checkpoint: null);

    private static MetricsSummary Summary(JsonElement split)
    {
        var topErrors = new List<TopKError>();
        foreach (var property in split.EnumerateObject())
        {
            var name = property.Name;
            if (name.StartsWith(TopErrorPrefix, StringComparison.Ordinal) && name.EndsWith(TopErrorSuffix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(TopErrorPrefix.Length, name.Length - TopErrorPrefix.Length - TopErrorSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            {
                topErrors.Add(new TopKError(k, Number(property.Value)));
            }
        }

        return new MetricsSummary(
            Number(split.GetProperty("loss")),
            Number(split.GetProperty("accuracy")),
            [.. topErrors.OrderBy(e => e.K)],
            [.. split.GetProperty("per_class_accuracy").EnumerateArray().Select(Number)],
            split.GetProperty("count").GetInt64());
    }

    /// <summary>A number as the log writes it: a JSON number, or <c>"NaN"</c> / <c>"Infinity"</c> as a string.</summary>
    private static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : value.GetDouble();
}
