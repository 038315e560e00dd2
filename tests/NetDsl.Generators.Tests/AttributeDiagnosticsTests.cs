using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>Every diagnostic of the attribute front end, at the attribute argument (0-based line and column).</summary>
public class AttributeDiagnosticsTests
{
    private const string Path = "/src/Declared.cs";

    private static Diagnostic SingleError(string code)
    {
        var result = GeneratorHarness.Run(new[] { (Path, "using NetDsl.Declarations;\n\nnamespace Consumer\n{\n" + code + "\n}\n") });
        Assert.Null(result.Results.Single().Exception);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1, string.Join("\n", errors));
        Assert.Empty(result.Results.Single().GeneratedSources);
        return errors[0];
    }

    /// <summary>Line and column 0-based, relative to the first line of <c>code</c> (four lines of preamble).</summary>
    private static void AssertAt(Diagnostic diagnostic, string id, int line, int column)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.True(diagnostic.Location.IsInSource, "not in the syntax tree, so an IDE would not underline it");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((Path, line + 4, column), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void WrongBranchSizeInInceptionBIsND0103AtTheBranchAttribute()
    {
        var (path, code) = Declarations.Sample("InceptionB");
        var planted = code.Replace(", Pad = \"same\"", string.Empty, System.StringComparison.Ordinal);

        var result = GeneratorHarness.Run(new[] { (path, planted) });

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ND0103", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal((path, 13, 1), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
        var message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("InceptionB.cs(14,24)", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void WrongChannelsOfAnInceptionBAreND0106AtTheRepeatThatFeedsItsNext()
    {
        var (path, code) = Declarations.Sample("InceptionB");
        var planted = code.Replace("Conv(384, 1)", "Conv(380, 1)", System.StringComparison.Ordinal);
        const string network = """
            using NetDsl.Declarations;

            namespace NetDsl.Samples.Declared;

            [Network(Input = new[] { 1024, 17, 17 })]
            [Repeat(2, "InceptionB")]
            public partial class Grid
            {
            }
            """;

        var result = GeneratorHarness.Run(new[] { (path, planted), ("/src/Grid.cs", network) });

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("ND0106", e.Id));
        Assert.Contains(errors, e => e.Location.GetLineSpan() is { Path: "/src/Grid.cs", StartLinePosition: { Line: 5, Character: 1 } });
        Assert.Contains(errors, e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("[1020, 17, 17]", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[NetBlock, Act(\"relu\")]\npublic class A { }", 1, 13, "not partial")]
    [InlineData("[NetBlock, Act(\"relu\")]\ninternal partial class A { }", 1, 23, "not public")]
    [InlineData("public partial class Outer\n{\n    [NetBlock, Act(\"relu\")]\n    public partial class A { }\n}", 3, 25, "nested in 'Outer'")]
    [InlineData("[NetBlock, Act(\"relu\")]\npublic partial class A<T> { }", 1, 21, "generic")]
    [InlineData("[NetBlock, Act(\"relu\")]\npublic abstract partial class A { }", 1, 30, "abstract")]
    [InlineData("public class Base { }\n[NetBlock, Act(\"relu\")]\npublic partial class A : Base { }", 2, 21, "derives from 'Consumer.Base'")]
    [InlineData("[NetBlock, Network(Input = new[] { 3, 8, 8 }), Act(\"relu\")]\npublic partial class A { }", 1, 21, "both [NetBlock] and [Network]")]
    public void ClassTheGeneratedPartCannotCompleteIsND0301AtItsName(string code, int line, int column, string reason)
    {
        var error = SingleError(code);

        AssertAt(error, "ND0301", line, column);
        Assert.Contains(reason, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ClassInTheGlobalNamespaceIsND0301()
    {
        var result = GeneratorHarness.Run(new[] { (Path, "using NetDsl.Declarations;\n[NetBlock, Act(\"relu\")]\npublic partial class A { }\n") });

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ND0301", error.Id);
        Assert.Equal((2, 21), (error.Location.GetLineSpan().StartLinePosition.Line, error.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains("global namespace", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetBlock]\n[Act(\"relu\")]\n[Branch]\npublic partial class A { }", 2, 1, "[Branch] must be inside a [Concat]")]
    [InlineData("[NetBlock]\n[Concat]\n[Branch, Act(\"relu\")]\npublic partial class A { }", 1, 1, "[Concat] has no matching [End]")]
    [InlineData("[NetBlock]\n[Act(\"relu\")]\n[End]\npublic partial class A { }", 2, 1, "[End] has no open")]
    [InlineData("[NetBlock]\n[Concat]\n[Act(\"relu\")]\n[Branch, Act(\"relu\")]\n[End]\npublic partial class A { }", 2, 1, "must follow a [Branch]")]
    [InlineData("[NetBlock]\n[Act(\"relu\")]\n[RepeatAt(0, \"stride\", 2)]\npublic partial class A { }", 2, 1, "[RepeatAt] must follow a [Repeat]")]
    [InlineData("[NetBlock]\n[Pre]\n[Act(\"relu\")]\npublic partial class A { }", 1, 1, "[Pre] must be inside a [Residual]")]
    [InlineData("[NetBlock]\n[Residual(Shortcut = \"identity\")]\n[Act(\"relu\")]\n[Shortcut]\n[Act(\"relu\")]\n[End]\npublic partial class A { }", 3, 1, "shortcut is given twice")]
    [InlineData("[NetBlock]\n[Residual]\n[Pre, Act(\"relu\")]\n[Body, Act(\"relu\")]\n[Pre, Act(\"relu\")]\n[End]\npublic partial class A { }", 4, 1, "already has a [Pre] section")]
    public void AttributesOutOfOrderAreND0302AtTheAttribute(string code, int line, int column, string message)
    {
        var error = SingleError(code);

        AssertAt(error, "ND0302", line, column);
        Assert.Contains(message, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetBlock]\n[Conv(16, typeof(int))]\npublic partial class A { }", 1, 10, "'k' of [Conv]")]
    [InlineData("[NetBlock]\n[Conv(16, new[] { 3, 3 }, S = null)]\npublic partial class A { }", 1, 30, "got null")]
    [InlineData("[NetBlock]\n[Block(\"B\", \"planes\")]\npublic partial class A { }", 1, 12, "an odd count")]
    [InlineData("[NetBlock]\n[Block(\"B\", 1, 2)]\npublic partial class A { }", 1, 12, "a parameter name")]
    [InlineData("[NetBlock]\n[Param(\"planes\", \"wide\")]\n[Act(\"relu\")]\npublic partial class A { }", 1, 17, "typeof(int), typeof(double)")]
    public void ArgumentOfAWrongTypeIsND0303AtTheArgument(string code, int line, int column, string message)
    {
        var error = SingleError(code);

        AssertAt(error, "ND0303", line, column);
        Assert.Contains(message, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetBlock(In = new[] { 8, 4, 4 })]\n[Conv(8, 3, Pad = 1, Act = \"relux\")]\npublic partial class A { }", "ND0008", 1, 27)]
    [InlineData("[NetBlock]\n[Param(\"planes\", typeof(int))]\n[Conv(\"$planz * 2\", 1)]\npublic partial class A { }", "ND0013", 2, 7)]
    [InlineData("[NetBlock]\n[Act(\"rleu\")]\npublic partial class A { }", "ND0010", 1, 5)]
    [InlineData("[NetBlock]\n[Param(\"k\", 1)]\n[Param(\"k\", 2)]\n[Act(\"relu\")]\npublic partial class A { }", "ND0009", 2, 7)]
    [InlineData("[NetBlock]\n[Residual]\n[End]\npublic partial class A { }", "ND0007", 1, 1)]
    [InlineData("[NetBlock]\n[Block(\"Reduction\")]\npublic partial class A { }", "ND0022", 1, 7)]
    [InlineData("[NetBlock(In = new object[] { 8, \"$x\", 8 })]\n[Act(\"relu\")]\npublic partial class A { }", "ND0013", 0, 34)]
    public void CoreDiagnosticsLandOnTheAttributeArgument(string code, string id, int line, int column)
    {
        AssertAt(SingleError(code), id, line, column);
    }
}
