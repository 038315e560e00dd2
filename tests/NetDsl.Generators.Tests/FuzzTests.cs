using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>
/// Deterministic mutations of the zoo's specs: the generator must turn every one into diagnostics or code,
/// never an exception (which Roslyn would hide behind CS8785) nor the internal-error diagnostic ND0002. Each case is bounded by its size, not by a clock.
/// </summary>
public class FuzzTests
{
    private const int Cases = 2400;
    private const int MaxSpecLength = 64 * 1024;

    private static readonly string[] Numbers = { "0", "-1", "-7", "1", "3", "2147483647", "-2147483648", "99999999999999999999", "1e308", "0.5", "$nope", "$planes * $planes * $planes", "(1" };

    [Fact]
    public void MutatedSpecsNeverThrow()
    {
        var seeds = GeneratorHarness.SampleSpecs().Select(File.ReadAllText).ToArray();
        var random = new Random(20261122);
        var failures = new List<string>();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Cases; i++)
        {
            var text = Mutate(seeds[random.Next(seeds.Length)], random, 1 + random.Next(3));
            var result = GeneratorHarness.Run(new GeneratorHarness.Spec("/fuzz/case" + i + ".net.yaml", text));
            var run = result.Results.Single();
            var internalErrors = result.Diagnostics.Where(d => d.Id is "CS8785" or "ND0002").ToList();
            if (run.Exception is not null || internalErrors.Count > 0)
            {
                var kind = run.Exception?.GetType().Name ?? internalErrors[0].Id + " " + internalErrors[0].GetMessage().Split(':').Skip(1).FirstOrDefault()?.Trim();
                kinds[kind] = kinds.TryGetValue(kind, out var n) ? n + 1 : 1;
                failures.Add("case " + i + ": " + (run.Exception?.ToString() ?? string.Join("; ", result.Diagnostics)) + "\n---\n" + text);
            }
        }

        Assert.True(
            failures.Count == 0,
            failures.Count + " failing cases (" + string.Join(", ", kinds.Select(k => k.Key + " ×" + k.Value)) + "); first:\n" + failures.FirstOrDefault());
    }

    private static string Mutate(string spec, Random random, int count)
    {
        var lines = spec.Replace("\r\n", "\n").Split('\n').ToList();
        for (var m = 0; m < count; m++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[at]);
                    break;
                case 2:
                    var other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                case 3:
                    lines[at] = ReplaceNumber(lines[at], random);
                    break;
                case 4:
                    var junk = new StringBuilder();
                    for (var j = random.Next(1, 12); j > 0; j--)
                    {
                        junk.Append((char)random.Next(0, 0x3000));
                    }

                    lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), junk.ToString());
                    break;
                case 5:
                    var depth = random.Next(10, 400);
                    lines.Insert(at, "  - " + new string('[', depth) + "relu" + new string(']', random.Next(depth + 1)));
                    break;
                case 6:
                    lines.Insert(at, "  - { repeat: " + (random.Next(2) == 0 ? "1000000000" : "$planes * 100000") + ", block: " + (random.Next(2) == 0 ? "Bottleneck" : "Missing") + " }");
                    break;
                default:
                    lines[at] = lines[at].Substring(0, random.Next(lines[at].Length + 1));
                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add(string.Empty);
            }
        }

        var text = string.Join("\n", lines);
        return text.Length > MaxSpecLength ? text.Substring(0, MaxSpecLength) : text;
    }

    private static string ReplaceNumber(string line, Random random)
    {
        var digits = Enumerable.Range(0, line.Length).Where(i => char.IsDigit(line[i]) && (i == 0 || !char.IsDigit(line[i - 1]))).ToList();
        if (digits.Count == 0)
        {
            return line;
        }

        var start = digits[random.Next(digits.Count)];
        var end = start;
        while (end < line.Length && char.IsDigit(line[end]))
        {
            end++;
        }

        return line.Substring(0, start) + Numbers[random.Next(Numbers.Length)] + line.Substring(end);
    }
}
