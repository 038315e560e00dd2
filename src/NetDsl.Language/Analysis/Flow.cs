using NetDsl.Language.Model;

namespace NetDsl.Language.Analysis;

/// <summary>What a tensor is, at one point of a class being planned.</summary>
internal enum Rank
{
    /// <summary>[C, H, W]: <see cref="Flow.Channels"/> are its channels.</summary>
    Chw,

    /// <summary>[F] with known features: <see cref="Flow.Channels"/> are the features.</summary>
    Flat,

    /// <summary>[C·H·W] after flattening a grid whose size only an instance knows: <see cref="Flow.Channels"/> is C.</summary>
    Flattened,
}

/// <summary>
/// The tensor between two layers of a class being planned: its channels as an expression over the class's
/// parameters, its rank, its height and width when they are constants (after an adaptive pool), and whether its
/// spatial size depends on a parameter of the class.
/// </summary>
internal sealed record Flow(Expr Channels, Rank Rank, (long H, long W)? Spatial, bool SpatialVaries)
{
    /// <summary>A [C, H, W] tensor whose height and width depend on the input.</summary>
    public static Flow Grid(Expr channels) => new(channels, Rank.Chw, null, false);
}
