using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>YAML networks use C# blocks and C# networks use YAML blocks, with shapes checked across the boundary.</summary>
public class AttributeCrossUseTests
{
    private static GeneratorHarness.Spec ZooSpec(string name)
    {
        var path = Path.Combine(GeneratorHarness.RepoRoot(), "samples", "NetDsl.Zoo", name);
        return new GeneratorHarness.Spec(path, File.ReadAllText(path));
    }

    [Fact]
    public void CSharpNetworkUsesAYamlBlock()
    {
        var result = Declarations.Run(Declarations.Source("TinyResNet"), ZooSpec("resnet_blocks.net.yaml"));

        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources;
        var network = sources.Single(s => s.HintName == "Consumer.TinyResNet.g.cs").SourceText.ToString();
        Snapshot.Verify("Attributes.TinyResNet", network);
        var compilation = GeneratorHarness.Compilation(Declarations.Source("TinyResNet"))
            .AddSyntaxTrees(sources.Select(s => s.SyntaxTree));
        var problems = Compiler.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void YamlNetworkUsesACSharpBlock()
    {
        const string spec = """
            network: Grid17
            namespace: NetDsl.Samples.Declared
            input: [1024, 17, 17]
            layers:
              - { repeat: 2, block: InceptionB }
              - globalavgpool
              - flatten
              - linear: { out: 10 }
            """;

        var result = Declarations.Run(Declarations.Sample("InceptionB"), new GeneratorHarness.Spec("/specs/grid17.net.yaml", spec));

        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources;
        Assert.Contains(sources, s => s.SourceText.ToString().Contains("public sealed partial class Grid17", System.StringComparison.Ordinal));
        var compilation = GeneratorHarness.Compilation(Declarations.Sample("InceptionB")).AddSyntaxTrees(sources.Select(s => s.SyntaxTree));
        var problems = Compiler.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ShapeErrorInACSharpBlockUsedFromYamlIsReportedInTheCSharpFile()
    {
        // Without 'in', the block is only checked where it is used: a 7×7 kernel does not fit the 5×5 input.
        const string block = """
            using NetDsl.Declarations;

            namespace Consumer;

            [NetBlock]
            [Conv(16, 7)]
            public partial class Wide
            {
            }
            """;
        const string spec = """
            network: Small
            input: [3, 5, 5]
            layers:
              - Wide
            """;

        var result = GeneratorHarness.Run(new[] { ("/src/Wide.cs", block) }, new GeneratorHarness.Spec("/specs/small.net.yaml", spec));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ND0104", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal(("/src/Wide.cs", 5, 1), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void CSharpBlockNamedLikeAYamlBlockIsND0029AtTheClass()
    {
        const string block = """
            using NetDsl.Declarations;

            namespace Consumer;

            [NetBlock, Act("relu")]
            public partial class Bottleneck
            {
            }
            """;

        var result = GeneratorHarness.Run(new[] { ("/src/Bottleneck.cs", block) }, ZooSpec("resnet_blocks.net.yaml"));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ND0029", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal(("/src/Bottleneck.cs", 5, 21), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }
}
