using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>Every spec of the model zoo, through the generator as a consumer project runs it.</summary>
public class SampleSnapshotTests
{
    public static IEnumerable<object[]> Samples() =>
        GeneratorHarness.SampleSpecs().Select(p => new object[] { Path.GetFileName(p) });

    private static GeneratorDriverRunResult RunAll() =>
        GeneratorHarness.Run(GeneratorHarness.SampleSpecs().Select(p => new GeneratorHarness.Spec(p, File.ReadAllText(p))).ToArray());

    [Theory]
    [MemberData(nameof(Samples))]
    public void GeneratedCodeMatchesSnapshot(string spec)
    {
        var result = RunAll();
        var own = result.Diagnostics.Where(d => Path.GetFileName(d.Location.GetLineSpan().Path) == spec).ToList();
        Assert.True(own.Count == 0, string.Join("\n", own));
        var stem = Path.GetFileNameWithoutExtension(spec);
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName.StartsWith(stem + ".", System.StringComparison.Ordinal));
        Snapshot.Verify(stem, source.SourceText.ToString());
    }

    [Fact]
    public void AllSamplesCompileWithoutWarnings()
    {
        var result = RunAll();
        var sources = result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToArray();
        Assert.NotEmpty(sources);
        var problems = Compiler.Problems(Compiler.Create(sources));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
