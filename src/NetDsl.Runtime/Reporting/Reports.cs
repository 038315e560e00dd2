using System.Collections.Generic;
using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Reporting;

/// <summary>What a run is about to do.</summary>
/// <param name="FirstEpoch">The first epoch to run (0, or the one after a resumed checkpoint).</param>
/// <param name="Epochs">Total epochs of the run.</param>
/// <param name="BatchesPerEpoch">Training batches per epoch.</param>
/// <param name="Device">The device, e.g. <c>cpu</c> or <c>cuda:0</c>.</param>
/// <param name="ClassNames">The classes, by label.</param>
/// <param name="History">The reports of epochs finished before a resume (empty for a fresh run).</param>
public sealed record TrainingStart(int FirstEpoch, int Epochs, int BatchesPerEpoch, string Device, IReadOnlyList<string> ClassNames, IReadOnlyList<EpochReport> History)
{
    /// <summary>The first batch to run in <see cref="FirstEpoch"/> (more than 0 when resuming mid-epoch).</summary>
    public int FirstBatch { get; init; }

    /// <summary>The global step the run starts at (0 for a fresh run).</summary>
    public long FirstStep { get; init; }

    /// <summary>The k of the top-k errors the run's summaries report, ascending.</summary>
    public IReadOnlyList<int> TopK { get; init; } = Metrics.TopK.Default;
}

/// <summary>One optimizer step.</summary>
/// <param name="Epoch">Epoch, 0-based.</param>
/// <param name="Batch">Batch within the epoch, 0-based.</param>
/// <param name="BatchesPerEpoch">Batches in the epoch.</param>
/// <param name="Step">Global step, 0-based.</param>
/// <param name="Loss">The batch's mean loss.</param>
/// <param name="RunningAccuracy">Top-1 accuracy so far in this epoch.</param>
/// <param name="LearningRate">The default group's learning rate for this step.</param>
/// <param name="ImagesPerSecond">Training throughput so far in this epoch.</param>
public sealed record BatchReport(int Epoch, int Batch, int BatchesPerEpoch, long Step, double Loss, double RunningAccuracy, double LearningRate, double ImagesPerSecond);

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">Epoch, 0-based.</param>
/// <param name="Train">Metrics over the epoch's training batches (in training mode, as they were seen).</param>
/// <param name="Validation">Metrics on the validation data, if any.</param>
/// <param name="LearningRate">The default group's learning rate at the end of the epoch.</param>
/// <param name="Seconds">Wall time of the epoch, evaluation included.</param>
/// <param name="ImagesPerSecond">Training throughput.</param>
/// <param name="DataWaitSeconds">Time the training loop spent waiting for the loader's next batch (near zero when loading keeps up).</param>
/// <param name="IsBest">Whether this epoch is the best so far (validation accuracy, or training loss without validation data).</param>
/// <param name="Checkpoint">The checkpoint written for this epoch, if checkpoints are on.</param>
public sealed record EpochReport(
    int Epoch, MetricsSummary Train, MetricsSummary? Validation, double LearningRate, double Seconds, double ImagesPerSecond, double DataWaitSeconds, bool IsBest, string? Checkpoint);

/// <summary>The outcome of <see cref="Training.Trainer.Fit"/>.</summary>
/// <param name="Epochs">Every epoch's report, those of resumed-from runs included.</param>
/// <param name="BestEpoch">The best epoch, or -1 if none ran.</param>
/// <param name="BestCheckpoint">Path of the best checkpoint, if checkpoints are on.</param>
public sealed record TrainingResult(IReadOnlyList<EpochReport> Epochs, int BestEpoch, string? BestCheckpoint);
