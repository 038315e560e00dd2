using System;
using System.Text.RegularExpressions;

namespace NetDsl.Runtime.Transfer;

/// <summary>
/// Glob patterns over state-dict names: <c>*</c> matches any run of characters (dots included), <c>?</c> one
/// character; the whole name must match (<c>layer1.*</c>, <c>*.bn?.weight</c>, <c>fc.*</c>).
/// </summary>
public static class NamePattern
{
    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.CultureInvariant);
    }
}
