using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetDsl.Benchmarks;

/// <summary>Milliseconds per step of one implementation: median, fastest and slowest.</summary>
internal sealed record StepTimes(string Name, double Median, double Min, double Max, int Steps)
{
    public static StepTimes Of(string name, IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.OrderBy(m => m).ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new StepTimes(name, median, sorted[0], sorted[^1], sorted.Length);
    }

    public static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Ratio(double numerator, double denominator) => (numerator / denominator).ToString("0.00", CultureInfo.InvariantCulture);

    public string Row() => $"| {Name} | {Format(Median)} | {Format(Min)} | {Format(Max)} | {Steps} |";

    public static void PrintHeader() => Console.WriteLine("| implementation | median ms/step | min | max | steps |\n|---|---:|---:|---:|---:|");
}
