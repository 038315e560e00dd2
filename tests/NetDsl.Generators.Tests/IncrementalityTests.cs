using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetDsl.Generators.Tests;

public class IncrementalityTests
{
    private static readonly string[] PerFileSteps = { TrackingNames.Parse, TrackingNames.Emit, TrackingNames.Source, TrackingNames.Diagnostics };

    private static GeneratorHarness.Spec[] Samples() =>
        GeneratorHarness.SampleSpecs().Select(p => new GeneratorHarness.Spec(p, File.ReadAllText(p))).ToArray();

    [Fact]
    public void EditingOneSpecLeavesTheOthersCachedOrUnchanged()
    {
        var specs = Samples();
        var compilation = GeneratorHarness.EmptyCompilation();
        var driver = GeneratorHarness.Driver(specs).RunGenerators(compilation);
        var editedIndex = System.Array.FindIndex(specs, s => Path.GetFileName(s.Path) == "resnet18.net.yaml");
        var edited = specs[editedIndex];
        var replacement = new GeneratorHarness.Spec(edited.Path, edited.GetText()!.ToString() + "\n# edited\n");
        driver = driver.ReplaceAdditionalText(edited, replacement).RunGenerators(compilation);

        var run = driver.GetRunResult().Results.Single();
        foreach (var step in PerFileSteps)
        {
            var outputs = run.TrackedSteps[step].ToList();
            Assert.Equal(specs.Length, outputs.Count);
            // Per-file steps keep the order of the additional texts.
            var others = outputs.Where((_, index) => index != editedIndex).SelectMany(o => o.Outputs).ToList();
            Assert.NotEmpty(others);
            Assert.All(others, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                step + " re-ran for another spec: " + o.Reason));
        }
    }

    [Fact]
    public void MovingLinesReportsAgainWithoutReAddingSources()
    {
        // A comment above the blocks shifts every span of the block library, so the library changes and every
        // file is checked again, but the generated text is the same: the source outputs stay unchanged.
        var specs = Samples();
        var compilation = GeneratorHarness.EmptyCompilation();
        var driver = GeneratorHarness.Driver(specs).RunGenerators(compilation);
        var edited = specs.Single(s => Path.GetFileName(s.Path) == "resnet_blocks.net.yaml");
        var moved = new GeneratorHarness.Spec(edited.Path, "# moved down one line\n" + edited.GetText()!);
        driver = driver.ReplaceAdditionalText(edited, moved).RunGenerators(compilation);

        var run = driver.GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(run.TrackedSteps[TrackingNames.Source].SelectMany(s => s.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            "a source was re-added: " + o.Reason));
    }

    [Fact]
    public void EditingCSharpLeavesTheSpecStepsCached()
    {
        var specs = Samples();
        var compilation = GeneratorHarness.EmptyCompilation();
        var driver = GeneratorHarness.Driver(specs).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Other { } }"));
        driver = driver.RunGenerators(edited);

        var run = driver.GetRunResult().Results.Single();
        foreach (var step in PerFileSteps)
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
    }
}
