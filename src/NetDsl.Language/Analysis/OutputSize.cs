namespace NetDsl.Language.Analysis;

/// <summary>PyTorch's output-size rules for convolution and pooling.</summary>
internal static class OutputSize
{
    /// <summary>floor((n + 2p − d(k−1) − 1) / s) + 1.</summary>
    public static long Conv(long n, long k, long s, long p, long d) => FloorDiv(n + (2 * p) - (d * (k - 1)) - 1, s) + 1;

    /// <summary>
    /// Pooling; in ceil mode the last window must start inside the input or its left padding
    /// (at::native::pooling_output_shape).
    /// </summary>
    public static long Pool(long n, long k, long s, long p, bool ceil)
    {
        var output = FloorDiv(n + (2 * p) - (k - 1) - 1 + (ceil ? s - 1 : 0), s) + 1;
        if (ceil && (output - 1) * s >= n + p)
        {
            output--;
        }

        return output;
    }

    /// <summary>A zero-padding shortcut's subsampling (<c>x[..., ::s]</c>): ceil(n / s).</summary>
    public static long Subsample(long n, long s) => (n + s - 1) / s;

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
