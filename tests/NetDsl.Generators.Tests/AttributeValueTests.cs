using System.Linq;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>Attribute arguments are read as the compiler folds them.</summary>
public class AttributeValueTests
{
    [Fact]
    public void ConstFieldsAreValues()
    {
        const string code = """
            using NetDsl.Declarations;

            namespace Consumer;

            [NetBlock(In = new[] { 3, 8, 8 })]
            [Conv(Width, Kernel, Pad = Kernel / 2, Norm = "batch", Act = Activation)]
            public partial class A
            {
                public const int Width = 16;
                public const int Kernel = 3;
                public const string Activation = "relu";
            }
            """;

        var result = GeneratorHarness.Run(new[] { ("/src/A.cs", code) });

        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
        Assert.True(source.Contains("nn.Conv2d(inChannels, 16, 3, padding: 1, bias: false);", System.StringComparison.Ordinal), source);
        Assert.True(source.Contains("return functional.relu(x);", System.StringComparison.Ordinal), source);
    }

    [Fact]
    public void ANetworkDeclaresTheSizesItAccepts()
    {
        const string code = """
            using NetDsl.Declarations;

            namespace Consumer;

            [Network(Input = new[] { 3, 32, 32 }, Accepts = new object[] { 3, "16..", "16..64" })]
            [Conv(8, 3, S = 2, Pad = 1)]
            [GlobalAvgPool]
            [Flatten]
            [Linear(2)]
            public partial class Small
            {
            }
            """;

        var result = GeneratorHarness.Run(new[] { ("/src/Small.cs", code) });

        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
        Assert.Contains("public static InputSizes AcceptedInputs { get; } = new(3, Sizes.AtLeast(16), Sizes.Between(16, 64));", source, System.StringComparison.Ordinal);
    }
}
