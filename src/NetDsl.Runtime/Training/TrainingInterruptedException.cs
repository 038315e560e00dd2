using System;
using NetDsl.Runtime.Checkpoints;

namespace NetDsl.Runtime.Training;

/// <summary>Training was asked to stop; it finished the step it was in and wrote a resumable checkpoint (when checkpoints are on).</summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    /// <summary>Creates the exception for a run stopped at <paramref name="position"/>.</summary>
    public TrainingInterruptedException(CheckpointState position, string? checkpoint)
        : base(
            $"Training stopped at {position.Position} as asked. " +
            (checkpoint is null ? "Checkpoints are off, so nothing was saved." : $"'{checkpoint}' holds the run; resuming from it continues exactly."))
    {
        Position = position;
        Checkpoint = checkpoint;
    }

    /// <summary>Where the run stopped.</summary>
    public CheckpointState Position { get; }

    /// <summary>The resumable checkpoint, or null when checkpoints are off.</summary>
    public string? Checkpoint { get; }
}
