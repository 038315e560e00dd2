using System.Globalization;
using System.Linq;

namespace NetDsl.Language.Model;

/// <summary>
/// The sizes one spatial dimension of a network's input may have: a range (<c>32..</c>, <c>32..512</c>) or a list
/// of values (<c>[224, 299]</c>, or one value).
/// </summary>
public sealed record SizeSet(int Min, int? Max, EquatableArray<int> Values)
{
    /// <summary>Just <paramref name="size"/>.</summary>
    public static SizeSet Exactly(int size) => new(size, size, EquatableArray.Of(size));

    /// <summary>Every size from <paramref name="min"/> to <paramref name="max"/> (unbounded when null).</summary>
    public static SizeSet Range(int min, int? max) => new(min, max, EquatableArray<int>.Empty);

    /// <summary>The listed sizes.</summary>
    public static SizeSet OneOf(EquatableArray<int> values) => new(values.Min(), values.Max(), values);

    /// <summary>True for a range, false for a list.</summary>
    public bool IsRange => Values.Count == 0;

    /// <summary>True when only one size is accepted.</summary>
    public bool IsSingle => Max == Min;

    /// <summary>Whether <paramref name="size"/> is accepted.</summary>
    public bool Contains(int size) => IsRange ? size >= Min && (Max is null || size <= Max) : Values.Contains(size);

    /// <summary><c>32..</c>, <c>32..512</c>, <c>224</c> or <c>[224, 299]</c>, as written in a spec.</summary>
    public override string ToString() => IsRange
        ? Min.ToString(CultureInfo.InvariantCulture) + ".." + (Max?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
        : Values.Count == 1 ? Values[0].ToString(CultureInfo.InvariantCulture) : "[" + string.Join(", ", Values) + "]";
}

/// <summary>The inputs a network accepts: a fixed number of channels and a set of heights and widths.</summary>
public sealed record InputSizes(int Channels, SizeSet Height, SizeSet Width)
{
    /// <summary>Only <c>[channels, height, width]</c>.</summary>
    public static InputSizes Exactly(int channels, int height, int width) => new(channels, SizeSet.Exactly(height), SizeSet.Exactly(width));

    /// <summary>True when only one size is accepted.</summary>
    public bool IsSingle => Height.IsSingle && Width.IsSingle;

    /// <summary>Whether an input of that shape is accepted.</summary>
    public bool Contains(int channels, int height, int width) => channels == Channels && Height.Contains(height) && Width.Contains(width);

    /// <summary><c>[3, 32.., 32..]</c>.</summary>
    public override string ToString() => "[" + Channels.ToString(CultureInfo.InvariantCulture) + ", " + Height + ", " + Width + "]";
}
