using System;

namespace NetDsl.Runtime.Training;

/// <summary>The loss became NaN or infinite; training stopped without touching the checkpoints.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int epoch, long step, int batch, double loss, string? lastCheckpoint)
        : base(
            $"The loss is {loss} at epoch {epoch}, step {step} (batch {batch}); training stopped. " +
            (lastCheckpoint is null
                ? "No checkpoint had been written."
                : $"The last good checkpoint, '{lastCheckpoint}', is unchanged.") +
            " Lower the learning rate, add gradient clipping or warm-up.")
    {
        Epoch = epoch;
        Step = step;
        Batch = batch;
        LastCheckpoint = lastCheckpoint;
    }

    /// <summary>The epoch (0-based) in which the loss diverged.</summary>
    public int Epoch { get; }

    /// <summary>The global optimizer step (0-based) at which the loss diverged.</summary>
    public long Step { get; }

    /// <summary>The batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The checkpoint left in place, if any.</summary>
    public string? LastCheckpoint { get; }
}
