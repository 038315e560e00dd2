using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>
/// Deterministic random attribute sequences, markers out of order included: the generator must turn every one into
/// diagnostics or code, never an exception nor the internal error ND0002.
/// </summary>
public class AttributeFuzzTests
{
    private const int Cases = 300;

    private static readonly string[] Pieces =
    {
        "Concat", "Branch", "Branch(Name = \"b\")", "End", "Residual", "Residual(Shortcut = \"projection\", Scale = \"$s\")", "Pre", "Body", "Shortcut",
        "Seq(Name = \"f\")", "Conv(8, 3)", "Conv(\"$planes\", new[] { 1, 7 }, Pad = \"same\")", "Conv(0, -1, S = new object[] { 1, \"x\" })",
        "Conv(8, new[] { 1, 2, 3 })", "Conv(null!, 1)", "Bn", "Act(\"relu\")", "Act(\"nope\")", "MaxPool(3, S = 2)", "AvgPool(new[] { 3, 3 })",
        "GlobalAvgPool", "Flatten", "Linear(10)", "Dropout(1.5)", "AdaptiveAvgPool(new[] { 1, 1 })", "Repeat(2, \"Unit\")", "Repeat(0, \"Nope\")",
        "RepeatAt(1, \"stride\", 2)", "RepeatAt(-1, \"x\")", "Block(\"Unit\", \"planes\")", "Block(\"Unit\", 1, 2)", "Block(\"Unit\", \"planes\", 4)",
        "Aux(\"Unit\", From = \"nope\")", "Param(\"planes\", 8)", "Param(\"s\", 0.5)", "Param(\"bad\", \"x\")", "ConvDefaults(Pad = \"same\", Norm = \"batch\")",
        "NetBlock(In = new[] { 8, 8, 8 })", "Network(Input = new[] { 3, 8, 8 })",
    };

    [Fact]
    public void RandomAttributeSequencesNeverThrow()
    {
        const string unit = "[NetBlock, Param(\"planes\", 8), Param(\"stride\", 1), Conv(\"$planes\", 3, S = \"$stride\", Pad = 1)]\npublic partial class Unit { }\n";
        var random = new Random(20261201);
        var failures = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var declaring = random.Next(2) == 0 ? "NetBlock" : "Network(Input = new[] { 8, 16, 16 })";
            var pieces = Enumerable.Range(0, 1 + random.Next(12)).Select(_ => "[" + Pieces[random.Next(Pieces.Length)] + "]");
            var code = "using NetDsl.Declarations;\nnamespace Fuzz;\n" + unit + "[" + declaring + "]\n" + string.Join("\n", pieces) + "\npublic partial class Case" + i + " { }\n";

            var result = GeneratorHarness.Run(new[] { ("/fuzz/case" + i + ".cs", code) });

            var run = result.Results.Single();
            if (run.Exception is not null || result.Diagnostics.Any(d => d.Id is "CS8785" or "ND0002"))
            {
                failures.Add((run.Exception?.ToString() ?? string.Join("; ", result.Diagnostics)) + "\n---\n" + code);
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " failing cases; first:\n" + failures.FirstOrDefault());
    }
}
