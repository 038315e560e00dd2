using System.Globalization;

namespace NetDsl.Language.Analysis;

/// <summary>An evaluated expression: an integer or a float.</summary>
internal readonly record struct Value(double Number, bool IsInt)
{
    public static Value Int(long n) => new(n, true);

    public override string ToString() => IsInt ? ((long)Number).ToString(CultureInfo.InvariantCulture) : Number.ToString("R", CultureInfo.InvariantCulture);
}
