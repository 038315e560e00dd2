using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetDsl.Nn;

/// <summary>
/// The sizes one spatial dimension of a network's input may have: every size from a minimum (up to a maximum),
/// or a list. Generated networks describe their accepted inputs with it.
/// </summary>
public sealed class Sizes
{
    private readonly long[]? values;

    private Sizes(long min, long? max, long[]? values)
    {
        Min = min;
        Max = max;
        this.values = values;
    }

    /// <summary>The smallest accepted size.</summary>
    public long Min { get; }

    /// <summary>The largest accepted size; null when there is none.</summary>
    public long? Max { get; }

    /// <summary>Every size from <paramref name="min"/> up.</summary>
    public static Sizes AtLeast(long min) => new(min, null, null);

    /// <summary>Every size from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Sizes Between(long min, long max) => new(min, max, null);

    /// <summary>Exactly the given sizes.</summary>
    public static Sizes OneOf(params long[] sizes)
    {
        if (sizes.Length == 0)
        {
            throw new ArgumentException("At least one size is needed.", nameof(sizes));
        }

        return new Sizes(sizes.Min(), sizes.Max(), sizes.Distinct().Order().ToArray());
    }

    /// <summary>Whether <paramref name="size"/> is accepted.</summary>
    public bool Contains(long size) => values?.Contains(size) ?? (size >= Min && (Max is null || size <= Max));

    /// <summary><c>32..</c>, <c>32..512</c>, <c>224</c> or <c>[224, 299]</c>, as a spec writes it.</summary>
    public override string ToString() => values is null
        ? Min.ToString(CultureInfo.InvariantCulture) + ".." + (Max?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
        : values.Length == 1 ? values[0].ToString(CultureInfo.InvariantCulture) : "[" + string.Join(", ", values) + "]";
}

/// <summary>The inputs [C, H, W] a generated network accepts: a fixed number of channels, and a set of heights and widths.</summary>
public sealed class InputSizes
{
    /// <summary>Inputs with <paramref name="channels"/> channels and any of the given heights and widths.</summary>
    public InputSizes(long channels, Sizes height, Sizes width)
    {
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>The channels.</summary>
    public long Channels { get; }

    /// <summary>The accepted heights.</summary>
    public Sizes Height { get; }

    /// <summary>The accepted widths.</summary>
    public Sizes Width { get; }

    /// <summary>Only <c>[channels, height, width]</c>.</summary>
    public static InputSizes Exactly(long channels, long height, long width) => new(channels, Sizes.OneOf(height), Sizes.OneOf(width));

    /// <summary>Whether a batch of this shape ([N, C, H, W]) is accepted.</summary>
    public bool Accepts(IReadOnlyList<long> shape) =>
        shape.Count == 4 && shape[1] == Channels && Height.Contains(shape[2]) && Width.Contains(shape[3]);

    /// <summary><c>[3, 32.., 32..]</c>.</summary>
    public override string ToString() => "[" + Channels.ToString(CultureInfo.InvariantCulture) + ", " + Height + ", " + Width + "]";
}
