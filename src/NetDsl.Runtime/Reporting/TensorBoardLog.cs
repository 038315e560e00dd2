using System;
using NetDsl.Runtime.Metrics;
using TorchSharp;
using TorchSharp.Modules;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Writes TensorBoard event files with TorchSharp's <c>SummaryWriter</c>: <c>train/loss</c> and
/// <c>train/learning_rate</c> every <c>batchEvery</c> steps, and per-epoch <c>epoch/*</c> scalars (loss, accuracy,
/// <c>train_top{k}_error</c> and <c>val_top{k}_error</c> for each k the run reports, throughput).
/// </summary>
public sealed class TensorBoardLog : ITrainingObserver
{
    private readonly SummaryWriter _writer;
    private readonly int _batchEvery;

    /// <summary>Logs into <paramref name="directory"/>.</summary>
    public TensorBoardLog(string directory, int batchEvery = 10)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchEvery, 1);
        _writer = torch.utils.tensorboard.SummaryWriter(directory);
        _batchEvery = batchEvery;
    }

    /// <summary>The folder holding the event files.</summary>
    public string LogDirectory => _writer.LogDir;

    /// <inheritdoc />
    public void OnBatch(BatchReport batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Step % _batchEvery == 0)
        {
            var step = (int)Math.Min(batch.Step, int.MaxValue);
            _writer.add_scalar("train/loss", (float)batch.Loss, step);
            _writer.add_scalar("train/learning_rate", (float)batch.LearningRate, step);
        }
    }

    /// <inheritdoc />
    public void OnEpoch(EpochReport epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        _writer.add_scalar("epoch/train_loss", (float)epoch.Train.Loss, epoch.Epoch);
        _writer.add_scalar("epoch/train_accuracy", (float)epoch.Train.Accuracy, epoch.Epoch);
        TopErrors("train", epoch.Train, epoch.Epoch);
        _writer.add_scalar("epoch/images_per_second", (float)epoch.ImagesPerSecond, epoch.Epoch);
        _writer.add_scalar("epoch/data_wait_seconds", (float)epoch.DataWaitSeconds, epoch.Epoch);
        if (epoch.Validation is { } v)
        {
            _writer.add_scalar("epoch/val_loss", (float)v.Loss, epoch.Epoch);
            _writer.add_scalar("epoch/val_accuracy", (float)v.Accuracy, epoch.Epoch);
            TopErrors("val", v, epoch.Epoch);
        }
    }

    /// <summary><c>epoch/{split}_top{k}_error</c> for each k the run reports.</summary>
    private void TopErrors(string split, MetricsSummary summary, int epoch)
    {
        foreach (var top in summary.TopErrors)
        {
            _writer.add_scalar($"epoch/{split}_top{top.K}_error", (float)top.Error, epoch);
        }
    }
}
