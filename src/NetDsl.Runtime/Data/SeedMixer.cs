namespace NetDsl.Runtime.Data;

/// <summary>
/// Derives independent, reproducible seeds from a base seed and indices (SplitMix64), so that shuffling and
/// augmentation depend only on (seed, epoch, image) — not on thread timing or on where a run was resumed.
/// </summary>
public static class SeedMixer
{
    /// <summary>A 31-bit seed for <see cref="System.Random"/> derived from the arguments.</summary>
    public static int Mix(long seed, long a, long b = 0)
    {
        var x = Step((ulong)seed);
        x = Step(x ^ (ulong)a);
        x = Step(x ^ (ulong)b);
        return (int)(x & 0x7FFF_FFFF);
    }

    private static ulong Step(ulong x)
    {
        x += 0x9E37_79B9_7F4A_7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return x ^ (x >> 31);
    }
}
