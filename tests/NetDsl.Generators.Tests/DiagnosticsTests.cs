using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetDsl.Generators.Tests;

public class DiagnosticsTests
{
    [Fact]
    public void ChannelMismatchIsAnErrorAtTheYamlLocation()
    {
        var result = GeneratorHarness.Run(new GeneratorHarness.Spec("/specs/bad.net.yaml", PlantedSpecs.ChannelMismatch));
        var error = result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("ND01", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal("/specs/bad.net.yaml", span.Path);
        Assert.Equal(9, span.StartLinePosition.Line);
        Assert.Equal(4, span.StartLinePosition.Character);
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Null(result.Results.Single().Exception);
    }

    [Fact]
    public void ConstructTheEmitterCannotWriteIsND0201AtTheLayer()
    {
        const string spec = """
            network: Features
            input: [3, 32, 32]
            layers:
              - name: features
                seq:
                  - conv: { out: 8, k: 3, act: relu }
            """;

        var result = GeneratorHarness.Run(new GeneratorHarness.Spec("/specs/seq.net.yaml", spec));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ND0201", error.Id);
        Assert.Contains("features.0", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        var span = error.Location.GetLineSpan();
        Assert.Equal(("/specs/seq.net.yaml", 5, 8), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void OneBrokenFileDoesNotStopTheOthers()
    {
        var good = GeneratorHarness.SampleSpecs().Select(p => new GeneratorHarness.Spec(p, File.ReadAllText(p))).ToArray();
        var alone = GeneratorHarness.Run(good).Results.Single().GeneratedSources.Select(s => s.HintName);
        var result = GeneratorHarness.Run(good.Append(new GeneratorHarness.Spec("/specs/bad.net.yaml", PlantedSpecs.ChannelMismatch)).ToArray());
        Assert.Contains(result.Diagnostics, d => d.Id.StartsWith("ND01", System.StringComparison.Ordinal));
        Assert.NotEmpty(alone);
        Assert.Equal(alone, result.Results.Single().GeneratedSources.Select(s => s.HintName));
    }
}
