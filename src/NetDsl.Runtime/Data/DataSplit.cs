namespace NetDsl.Runtime.Data;

/// <summary>Which part of a data set to load.</summary>
public enum DataSplit
{
    /// <summary>The training images.</summary>
    Train,

    /// <summary>The held-out test images.</summary>
    Test,
}
