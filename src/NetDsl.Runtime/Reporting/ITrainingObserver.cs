namespace NetDsl.Runtime.Reporting;

/// <summary>Receives the trainer's progress: metric logs, progress displays, TensorBoard, plots. Every method does nothing unless implemented.</summary>
public interface ITrainingObserver
{
    /// <summary>Training is about to start (or resume) at <see cref="TrainingStart.FirstEpoch"/>.</summary>
    void OnStart(TrainingStart start)
    {
    }

    /// <summary>One optimizer step finished.</summary>
    void OnBatch(BatchReport batch)
    {
    }

    /// <summary>An epoch finished, including its evaluation and checkpoint.</summary>
    void OnEpoch(EpochReport epoch)
    {
    }

    /// <summary>Training finished (not called when it stops with an exception).</summary>
    void OnEnd(TrainingResult result)
    {
    }
}
