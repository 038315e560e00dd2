using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetDsl.Benchmarks;

/// <summary>Milliseconds per step of one implementation: median, fastest and slowest.</summary>
internal sealed record StepTimes(string Name, double Median, double Min, double Max, int Steps)
{
    public static StepTimes Of(string name, IReadOnlyList<double> milliseconds) =>
        new(name, MedianOf(milliseconds), milliseconds.Min(), milliseconds.Max(), milliseconds.Count);

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Ratio(double numerator, double denominator) => (numerator / denominator).ToString("0.00", CultureInfo.InvariantCulture);
}
