using System;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Cli;

/// <summary>The nearest name by edit distance, for "did you mean" hints.</summary>
internal static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="word"/> (case-insensitive), or null when none is reasonably close.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Levenshtein(word.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, word.Length / 3) ? best.Name : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
