using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetDsl.Generators.Tests;

public class AttributeIncrementalityTests
{
    private static readonly string[] ReadSteps = { TrackingNames.ReadBlockDeclaration, TrackingNames.ReadNetworkDeclaration, TrackingNames.Declarations };

    private static readonly string[] EmitSteps = { TrackingNames.DeclarationEmit, TrackingNames.DeclarationSource, TrackingNames.DeclarationDiagnostics };

    private static GeneratorHarness.Spec Blocks()
    {
        var path = Path.Combine(GeneratorHarness.RepoRoot(), "samples", "NetDsl.Zoo", "resnet_blocks.net.yaml");
        return new GeneratorHarness.Spec(path, File.ReadAllText(path));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    [Fact]
    public void EditingAnUnrelatedCSharpFileLeavesTheAttributeStepsCached()
    {
        var compilation = GeneratorHarness.Compilation(Declarations.Sample("InceptionB"), Declarations.Source("TinyResNet"));
        var driver = GeneratorHarness.Driver(Blocks()).RunGenerators(compilation);
        Assert.Equal(2, Reasons(driver, TrackingNames.DeclarationEmit).Length);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Other { } }", path: "/src/Other.cs"));
        driver = driver.RunGenerators(edited);

        // The attribute transform runs again for the new compilation; its equatable output is unchanged.
        foreach (var step in ReadSteps)
        {
            Assert.NotEmpty(Reasons(driver, step));
            Assert.All(Reasons(driver, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + r));
        }

        foreach (var step in EmitSteps.Append(TrackingNames.Library))
        {
            Assert.NotEmpty(Reasons(driver, step));
            Assert.All(Reasons(driver, step), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }
    }

    [Fact]
    public void EditingANetworkDeclarationReEmitsOnlyIt()
    {
        var (networkPath, network) = Declarations.Source("TinyResNet");
        var compilation = GeneratorHarness.Compilation(Declarations.Sample("InceptionB"), (networkPath, network));
        var driver = GeneratorHarness.Driver(Blocks()).RunGenerators(compilation);
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == networkPath);
        var edited = compilation.ReplaceSyntaxTree(old, Compiler.Parse(networkPath, network.Replace("(\"classes\", 10)", "(\"classes\", 100)", System.StringComparison.Ordinal)));

        driver = driver.RunGenerators(edited);

        var emit = Reasons(driver, TrackingNames.DeclarationEmit);
        Assert.Equal(2, emit.Length);
        Assert.Single(emit, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(emit, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.All(Reasons(driver, TrackingNames.Emit), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }
}
