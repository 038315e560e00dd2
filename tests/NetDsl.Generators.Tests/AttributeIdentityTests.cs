using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>A block declared with attributes generates the class its <c>.net.yaml</c> twin generates.</summary>
public class AttributeIdentityTests
{
    [Theory]
    [InlineData("InceptionB", "inception_v4.net.yaml")]
    [InlineData("ReductionA", "inception_v4.net.yaml")]
    [InlineData("Bottleneck", "resnet_blocks.net.yaml")]
    public void AttributeBlockGeneratesTheYamlBlocksClass(string block, string spec)
    {
        var declared = Declarations.Run(block);
        Assert.Empty(declared.Diagnostics);
        var source = declared.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Snapshot.Verify("Attributes." + block, source);

        var specPath = Path.Combine(GeneratorHarness.RepoRoot(), "samples", "NetDsl.Zoo", spec);
        var yaml = GeneratorHarness.Run(new GeneratorHarness.Spec(specPath, File.ReadAllText(specPath)));
        var yamlSource = yaml.Results.Single().GeneratedSources.Single().SourceText.ToString();

        Assert.Equal(WithoutProvenance(ClassText(yamlSource, block)), WithoutProvenance(ClassText(source, block)));
    }

    /// <summary>From the class's doc comment to the line before the next class's (or the end).</summary>
    internal static string ClassText(string source, string name)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var start = System.Array.FindIndex(lines, l => l.StartsWith("/// <summary>The block <c>" + name + "</c>", System.StringComparison.Ordinal));
        Assert.True(start >= 0, "no class " + name + " in\n" + source);
        var end = System.Array.FindIndex(lines, start + 1, l => l.StartsWith("/// <summary>The ", System.StringComparison.Ordinal));
        return string.Join("\n", lines.Skip(start).Take((end < 0 ? lines.Length : end) - start)).TrimEnd();
    }

    /// <summary>Only where a class was declared may differ.</summary>
    private static string WithoutProvenance(string text) => Regex.Replace(text, "declared in <c>[^<]*</c>", "declared in <c>…</c>");
}
