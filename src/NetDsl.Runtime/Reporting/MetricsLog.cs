using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Writes <c>metrics.jsonl</c> (one JSON object per epoch, and per <c>batchEvery</c> batches) and
/// <c>metrics.csv</c> (one row per epoch) in a folder. A fresh run starts the files over. A resumed run rewrites
/// them from the checkpoint's history first, keeping the batch lines from before the checkpoint's step, so lines
/// that a killed run wrote after its last checkpoint (or half wrote) are not left behind, then appends. Each split's
/// figures carry a <c>top{k}_error</c> for every k the run reports (<see cref="TrainingStart.TopK"/>);
/// <see cref="MetricsLogReader"/> reads the epochs back.
/// </summary>
public sealed class MetricsLog : ITrainingObserver
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly int _batchEvery;
    private IReadOnlyList<int> _topK = TopK.Default;

    /// <summary>Logs into <paramref name="directory"/> (created if missing).</summary>
    /// <param name="directory">Where the files go.</param>
    /// <param name="batchEvery">Write a batch line every this many steps; 0 writes epochs only.</param>
    public MetricsLog(string directory, int batchEvery = 0)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(batchEvery);
        Directory.CreateDirectory(directory);
        JsonLinesPath = Path.Combine(directory, "metrics.jsonl");
        CsvPath = Path.Combine(directory, "metrics.csv");
        _batchEvery = batchEvery;
    }

    /// <summary>The JSON-lines file.</summary>
    public string JsonLinesPath { get; }

    /// <summary>The CSV file.</summary>
    public string CsvPath { get; }

    /// <inheritdoc />
    public void OnStart(TrainingStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _topK = start.TopK;
        List<(int Epoch, int Order, long Step, string Text)> batches = start.FirstStep == 0 ? [] : BatchLinesBefore(start.FirstStep);
        var lines = batches.Concat(start.History.Select(e => (e.Epoch, Order: 1, Step: 0L, Text: EpochLine(e))))
            .OrderBy(l => l.Epoch).ThenBy(l => l.Order).ThenBy(l => l.Step)
            .Select(l => l.Text + "\n");
        AtomicFile.Write(JsonLinesPath, stream => Write(stream, string.Concat(lines)));
        AtomicFile.Write(CsvPath, stream => Write(stream, CsvHeader() + "\n" + string.Concat(start.History.Select(CsvRow))));
    }

    /// <inheritdoc />
    public void OnBatch(BatchReport batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_batchEvery > 0 && batch.Step % _batchEvery == 0)
        {
            File.AppendAllText(JsonLinesPath, JsonSerializer.Serialize(new { type = "batch", batch.Epoch, batch.Batch, batch.Step, batch.Loss, batch.RunningAccuracy, batch.LearningRate, batch.ImagesPerSecond }, Json) + "\n");
        }
    }

    /// <inheritdoc />
    public void OnEpoch(EpochReport epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        File.AppendAllText(JsonLinesPath, EpochLine(epoch) + "\n");
        File.AppendAllText(CsvPath, CsvRow(epoch));
    }

    private string CsvHeader()
    {
        string Split(string prefix) => string.Concat($"{prefix}_loss,{prefix}_accuracy", string.Concat(_topK.Select(k => $",{prefix}_top{k}_error")));
        return $"epoch,{Split("train")},{Split("val")},learning_rate,seconds,images_per_second,data_wait_seconds,is_best";
    }

    private static string EpochLine(EpochReport epoch)
    {
        var line = new
        {
            type = "epoch",
            epoch.Epoch,
            Train = Flat(epoch.Train),
            Validation = epoch.Validation is null ? null : Flat(epoch.Validation),
            epoch.LearningRate,
            epoch.Seconds,
            epoch.ImagesPerSecond,
            epoch.DataWaitSeconds,
            epoch.IsBest,
        };
        return JsonSerializer.Serialize(line, Json);
    }

    /// <summary>A row under <see cref="CsvHeader"/>: a k that an epoch from before a resume did not report is left empty.</summary>
    private string CsvRow(EpochReport epoch)
    {
        IEnumerable<string> Split(MetricsSummary? m) => [Number(m?.Loss), Number(m?.Accuracy), .. _topK.Select(k => Number(m?.TopError(k)))];
        var row = new StringBuilder();
        row.AppendJoin(
            ',',
            [Number(epoch.Epoch), .. Split(epoch.Train), .. Split(epoch.Validation),
            Number(epoch.LearningRate), Number(epoch.Seconds), Number(epoch.ImagesPerSecond), Number(epoch.DataWaitSeconds), epoch.IsBest ? "true" : "false"]);
        return row.Append('\n').ToString();
    }

    /// <summary>The batch lines of the existing log from before <paramref name="step"/>; lines that do not parse (a half-written last line) are dropped.</summary>
    private List<(int Epoch, int Order, long Step, string Text)> BatchLinesBefore(long step)
    {
        var kept = new List<(int, int, long, string)>();
        if (!File.Exists(JsonLinesPath))
        {
            return kept;
        }

        foreach (var text in File.ReadLines(JsonLinesPath))
        {
            try
            {
                using var line = JsonDocument.Parse(text);
                var root = line.RootElement;
                if (root.GetProperty("type").GetString() == "batch" && root.GetProperty("step").GetInt64() is var at && at < step)
                {
                    kept.Add((root.GetProperty("epoch").GetInt32(), 0, at, text));
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                continue;
            }
        }

        return kept;
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>A split's figures: loss, accuracy, <c>top{k}_error</c> for each k, per-class accuracy, image count.</summary>
    private static JsonObject Flat(MetricsSummary m)
    {
        var flat = new JsonObject { ["loss"] = m.Loss, ["accuracy"] = m.Accuracy };
        foreach (var top in m.TopErrors)
        {
            flat[MetricsLogReader.TopErrorKey(top.K)] = top.Error;
        }

        flat["per_class_accuracy"] = new JsonArray([.. m.PerClassAccuracy.Select(a => JsonValue.Create(a))]);
        flat["count"] = m.Count;
        return flat;
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
