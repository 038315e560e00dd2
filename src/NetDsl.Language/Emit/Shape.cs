namespace NetDsl.Language.Emit
{
    /// <summary>
    /// What the emitter tracks between layers: the channel count as C#, whether it is also the feature count
    /// (spatial size 1×1 after a global pool, or the output of a linear layer), and whether the tensor is flat.
    /// </summary>
    internal sealed record Shape(CodeExpr Channels, bool Pooled, bool Flat)
    {
        /// <summary>Height and width when known without the network's input (after an adaptive pool), else null.</summary>
        public (long H, long W)? Spatial { get; init; }

        /// <summary>A [C, H, W] tensor with <paramref name="channels"/> channels.</summary>
        public static Shape Of(CodeExpr channels) => new(channels, false, false);
    }
}
