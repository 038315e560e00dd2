using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Writes <c>metrics.jsonl</c> (one JSON object per epoch, and per <c>batchEvery</c> batches) and
/// <c>metrics.csv</c> (one row per epoch) in a folder. A resumed run appends; a fresh run starts the files over.
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
        if (start.FirstEpoch == 0 || !File.Exists(CsvPath))
        {
            File.WriteAllText(JsonLinesPath, string.Empty);
            File.WriteAllText(CsvPath, CsvHeader + "\n");
        }
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
        File.AppendAllText(JsonLinesPath, JsonSerializer.Serialize(line, Json) + "\n");
        var v = epoch.Validation;
        var row = new StringBuilder();
        row.AppendJoin(
            ',',
            Number(epoch.Epoch), Number(epoch.Train.Loss), Number(epoch.Train.Accuracy), Number(epoch.Train.Top5Error),
            Number(v?.Loss), Number(v?.Accuracy), Number(v?.Top1Error), Number(v?.Top5Error),
            Number(epoch.LearningRate), Number(epoch.Seconds), Number(epoch.ImagesPerSecond), Number(epoch.DataWaitSeconds), epoch.IsBest ? "true" : "false");
        File.AppendAllText(CsvPath, row.Append('\n').ToString());
    }

    private static object Flat(MetricsSummary m) => new { m.Loss, m.Accuracy, m.Top1Error, m.Top5Error, m.PerClassAccuracy, m.Count };

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
