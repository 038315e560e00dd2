namespace NetDsl.Runtime.Reporting;

/// <summary>What the horizontal axis of a run comparison counts.</summary>
public enum ComparisonAxis
{
    /// <summary>Epochs, from 1.</summary>
    Epoch,

    /// <summary>Minutes of wall time since the run started, at the end of each epoch.</summary>
    WallTime,
}
