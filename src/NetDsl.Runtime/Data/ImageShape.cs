namespace NetDsl.Runtime.Data;

/// <summary>The shape of one image, channels first: <c>[Channels, Height, Width]</c>.</summary>
/// <param name="Channels">Number of channels (1 for grey, 3 for RGB).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Number of values in one image (<c>C·H·W</c>).</summary>
    public int Size => Channels * Height * Width;

    /// <inheritdoc />
    public override string ToString() => $"[{Channels}, {Height}, {Width}]";
}
