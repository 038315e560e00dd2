using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Writes <c>metrics.jsonl</c> (one JSON object per epoch, and per <c>batchEvery</c> batches) and
/// <c>metrics.csv</c> (one row per epoch) in a folder. A fresh run starts the files over. A resumed run rewrites
/// them from the checkpoint's history first, keeping the batch lines from before the checkpoint's step, so lines
/// that a killed run wrote after its last checkpoint (or half wrote) are not left behind, then appends.
/// </summary>
public sealed class MetricsLog : ITrainingObserver
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private const string CsvHeader =
        "epoch,train_loss,train_accuracy,train_top5_error,val_loss,val_accuracy,val_top1_error,val_top5_error,learning_rate,seconds,images_per_second,data_wait_seconds,is_best";

    private readonly int _batchEvery;

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
        List<(int Epoch, int Order, long Step, string Text)> batches = start.FirstStep == 0 ? [] : BatchLinesBefore(start.FirstStep);
        var lines = batches.Concat(start.History.Select(e => (e.Epoch, Order: 1, Step: 0L, Text: EpochLine(e))))
            .OrderBy(l => l.Epoch).ThenBy(l => l.Order).ThenBy(l => l.Step)
            .Select(l => l.Text + "\n");
        AtomicFile.Write(JsonLinesPath, stream => Write(stream, string.Concat(lines)));
        AtomicFile.Write(CsvPath, stream => Write(stream, CsvHeader + "\n" + string.Concat(start.History.Select(CsvRow))));
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

    private static string CsvRow(EpochReport epoch)
    {
        var v = epoch.Validation;
        var row = new StringBuilder();
        row.AppendJoin(
            ',',
            Number(epoch.Epoch), Number(epoch.Train.Loss), Number(epoch.Train.Accuracy), Number(epoch.Train.Top5Error),
            Number(v?.Loss), Number(v?.Accuracy), Number(v?.Top1Error), Number(v?.Top5Error),
            Number(epoch.LearningRate), Number(epoch.Seconds), Number(epoch.ImagesPerSecond), Number(epoch.DataWaitSeconds), epoch.IsBest ? "true" : "false");
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

    private static object Flat(MetricsSummary m) => new { m.Loss, m.Accuracy, m.Top1Error, m.Top5Error, m.PerClassAccuracy, m.Count };

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
