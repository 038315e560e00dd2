using System.Collections.Generic;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Metrics;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Checkpoints;

/// <summary>The trainer's own state in a checkpoint, besides the model, optimizer and RNG.</summary>
/// <param name="CompletedEpochs">Epochs finished; a resumed run continues in this epoch.</param>
/// <param name="GlobalStep">Optimizer steps taken.</param>
/// <param name="BestEpoch">The best epoch so far, or -1.</param>
/// <param name="BestScore">The score of <paramref name="BestEpoch"/> (validation accuracy, or −training loss).</param>
/// <param name="History">Every finished epoch's report.</param>
public sealed record CheckpointState(int CompletedEpochs, long GlobalStep, int BestEpoch, double BestScore, IReadOnlyList<EpochReport> History)
{
    /// <summary>
    /// Batches of epoch <see cref="CompletedEpochs"/> already trained: 0 at an epoch boundary, more for a checkpoint
    /// taken mid-epoch (<c>--checkpoint-every</c>, an interruption), up to <see cref="BatchesPerEpoch"/> when only
    /// the epoch's evaluation is left.
    /// </summary>
    public int EpochBatches { get; init; }

    /// <summary>Training batches per epoch of the run that wrote the checkpoint; a mid-epoch resume needs the same.</summary>
    public int BatchesPerEpoch { get; init; }

    /// <summary>The training metrics of the unfinished epoch so far (null at an epoch boundary).</summary>
    public MetricsState? EpochMetrics { get; init; }

    /// <summary>Seconds the unfinished epoch has run so far, for its throughput figures.</summary>
    public double EpochSeconds { get; init; }

    /// <summary>Seconds the unfinished epoch has waited for data so far.</summary>
    public double EpochDataWaitSeconds { get; init; }

    /// <summary>The decay of the run's weight average (<see cref="Training.TrainerOptions.WeightAverageDecay"/>), or null when it keeps none.</summary>
    public double? WeightAverageDecay { get; init; }

    /// <summary>
    /// What classifying images as the run trained needs (class names, normalisation, input and data shapes), when
    /// the trainer was told it (<see cref="Training.TrainerOptions.Prediction"/>); null in checkpoints written without it.
    /// </summary>
    public PredictionMetadata? Prediction { get; init; }

    /// <summary>Where the run stands, as a person reads it: <c>epoch 3, batch 12 of 25 (step 62)</c>.</summary>
    public string Position => (CompletedEpochs, EpochBatches) switch
    {
        (0, 0) => "the start (step 0)",
        (_, 0) => $"the end of epoch {CompletedEpochs} (step {GlobalStep})",
        _ => $"epoch {CompletedEpochs + 1}, batch {EpochBatches} of {BatchesPerEpoch} (step {GlobalStep})",
    };
}
