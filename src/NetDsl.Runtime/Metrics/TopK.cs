using System;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Metrics;

/// <summary>Which top-k errors a run reports: k = 1, 3 and 5 by default, as the Inception papers and their reviews report them.</summary>
public static class TopK
{
    /// <summary>1, 3 and 5.</summary>
    public static IReadOnlyList<int> Default { get; } = [1, 3, 5];

    /// <summary><paramref name="ks"/> in ascending order without repeats.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a k below 1.</exception>
    public static IReadOnlyList<int> Normalize(IEnumerable<int> ks)
    {
        ArgumentNullException.ThrowIfNull(ks);
        var sorted = ks.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("At least one k is needed for top-k error.", nameof(ks));
        }

        if (sorted[0] < 1)
        {
            throw new ArgumentException($"Top-k error needs k of 1 or more, not {sorted[0]}.", nameof(ks));
        }

        return sorted;
    }
}
