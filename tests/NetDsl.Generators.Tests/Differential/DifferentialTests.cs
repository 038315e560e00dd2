using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using NetDsl.Language;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace NetDsl.Generators.Tests.Differential;

/// <summary>
/// Soundness, tested rather than assumed: random valid specs are compiled by the real generator (a batch per
/// in-memory compilation), built and run forward in TorchSharp, and what runs must be what the analysis said:
/// the output shape, the parameter count, the state-dict keys and the parameters' order, at the nominal input and
/// at another accepted size. A spec the analysis accepts must never throw. A failing spec is shrunk (the same seed
/// with fewer stages) and printed.
/// </summary>
public sealed class DifferentialTests
{
    private const int BatchSize = 120;

    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output) => _output = output;

    /// <summary>How many accepted specs a run checks (NETDSL_DIFFERENTIAL_SPECS overrides; CI runs the default).</summary>
    private static int Target => int.TryParse(Environment.GetEnvironmentVariable("NETDSL_DIFFERENTIAL_SPECS"), out var n) ? n : 2000;

    [Fact]
    public void RandomValidSpecsRunExactlyAsAnalysed()
    {
        var accepted = new List<Case>();
        var rejected = new List<string>();
        for (var seed = 1; accepted.Count < Target; seed++)
        {
            var candidate = Case.Of(seed, 6);
            if (candidate.Summary is null)
            {
                rejected.Add(candidate.Rejection);
            }
            else
            {
                accepted.Add(candidate);
            }
        }

        var failures = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in accepted.Chunk(BatchSize))
        {
            foreach (var (failed, problem) in Run(batch))
            {
                failures.Add(Shrink(failed, problem));
            }
        }

        _output.WriteLine($"{accepted.Count} specs compiled and run in {clock.Elapsed.TotalSeconds:F0} s; {rejected.Count} generated specs were refused by the analysis.");
        foreach (var refusal in rejected.Take(5))
        {
            _output.WriteLine("refused: " + refusal);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {accepted.Count} specs ran differently than analysed; the first, shrunk:\n{failures.FirstOrDefault()}");
        Assert.True(rejected.Count * 10 < accepted.Count, $"the generator of valid specs wrote {rejected.Count} that the analysis refused; the first: {rejected.FirstOrDefault()}");
    }

    [Fact]
    public void ARectangularStrideUnderAnAutoShortcutProjectsWithBothStrides()
    {
        const string Text = "network: Net\nnamespace: Diff.Rect\ninput: [4, 16, 12]\nblocks:\n  RectUnit:\n    params: { planes: int, sh: int = 2 }\n"
            + "    residual:\n      body: [ { conv: { out: $planes, k: 3, s: [$sh, 1], pad: 1, norm: batch, act: relu } } ]\n      shortcut: auto\n"
            + "layers:\n  - RectUnit: { planes: 8 }\n  - RectUnit: { planes: 8, sh: 1 }\n  - globalavgpool\n  - flatten\n  - linear: { out: 3 }\n";
        var rect = Case.Of(Text, new RandomSpec.Shape(4, 16, 12));

        Assert.NotNull(rect.Summary);
        Assert.Contains(rect.Summary!.Layers, l => l.Path == "rectUnit1.downsample.0" && l.Output.ToString() == "[8, 8, 12]");
        Assert.Empty(Run(new[] { rect }));
    }

    [Fact]
    public void AStridedConvInsideASequenceOfAResidualBodyIsProjected()
    {
        const string Text = "network: Net\nnamespace: Diff.Seq\ninput: [3, 16, 16]\nblocks:\n  Down:\n    residual:\n      body:\n"
            + "        - { name: features, seq: [ { conv: { out: 8, k: 3, s: 2, pad: 1, norm: batch, act: relu } }, { conv: { out: 8, k: 3, pad: 1, norm: batch } } ] }\n"
            + "      shortcut: auto\nlayers:\n  - Down\n  - globalavgpool\n  - flatten\n  - linear: { out: 2 }\n";
        var down = Case.Of(Text, new RandomSpec.Shape(3, 16, 16));

        Assert.True(down.Summary is not null, down.Rejection);
        Assert.Contains(down.Summary!.Layers, l => l.Path == "down.downsample.0" && l.Output.ToString() == "[8, 8, 8]");
        Assert.Empty(Run(new[] { down }));
    }

    /// <summary>The accepted specs of the first seeds, <paramref name="count"/> of them.</summary>
    internal static List<Case> Accepted(int count, int budget) =>
        Enumerable.Range(1, int.MaxValue - 1).Select(seed => Case.Of(seed, budget)).Where(c => c.Summary is not null).Take(count).ToList();

    /// <summary>The specs compiled by the real generator into one assembly, or null with the compiler's errors.</summary>
    internal static Assembly? Compile(IReadOnlyList<Case> cases, out string errors)
    {
        var texts = cases.Select(c => new GeneratorHarness.Spec("/diff/" + c.Namespace + ".net.yaml", c.Text)).ToArray();
        GeneratorHarness.Driver(texts).RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out var compilation, out var diagnostics, CancellationToken.None);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        errors = string.Join("\n", diagnostics.Concat(emitted.Diagnostics).Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Take(10));
        return emitted.Success && errors.Length == 0 ? Assembly.Load(stream.ToArray()) : null;
    }

    private static IEnumerable<(Case Case, string Problem)> Run(IReadOnlyList<Case> cases)
    {
        if (Compile(cases, out var errors) is not { } assembly)
        {
            foreach (var c in cases)
            {
                yield return (c, "the batch did not compile: " + errors);
            }

            yield break;
        }

        foreach (var c in cases)
        {
            if (c.Check(assembly) is { } problem)
            {
                yield return (c, problem);
            }
        }
    }

    /// <summary>The smallest budget (fewest stages) with the same seed that still fails, with its spec.</summary>
    private static string Shrink(Case failed, string problem)
    {
        for (var budget = 1; budget < failed.Budget; budget++)
        {
            var smaller = Case.Of(failed.Seed, budget);
            if (smaller.Summary is not null && Run(new[] { smaller }).FirstOrDefault() is { Case: not null } again)
            {
                return Describe(again.Case, again.Problem);
            }
        }

        return Describe(failed, problem);
    }

    private static string Describe(Case c, string problem) => $"seed {c.Seed}, budget {c.Budget}: {problem}\n---\n{c.Text}---";

    /// <summary>One spec, what the analysis says about it, and the check of what the generated class does.</summary>
    internal sealed record Case(int Seed, int Budget, string Namespace, string Text, RandomSpec.Shape Input, RandomSpec.Shape? Other, NetworkSummary? Summary, string Rejection)
    {
        /// <summary>The network's plan, when the analysis accepted the spec.</summary>
        public NetworkPlan? Plan { get; init; }

        /// <summary>The generated network class built with its default arguments.</summary>
        public torch.nn.Module<torch.Tensor, torch.Tensor> Create(Assembly assembly)
        {
            var type = assembly.GetType(Namespace + ".Net") ?? throw new InvalidOperationException("no class " + Namespace + ".Net was generated");
            var constructor = type.GetConstructors().Single();
            return (torch.nn.Module<torch.Tensor, torch.Tensor>)constructor.Invoke(constructor.GetParameters().Select(p => p.DefaultValue).ToArray());
        }

        public static Case Of(int seed, int budget)
        {
            var ns = "Diff.S" + seed.ToString(CultureInfo.InvariantCulture) + "b" + budget.ToString(CultureInfo.InvariantCulture);
            var spec = RandomSpec.Generate(seed, budget, ns);
            return Analysed(seed, budget, ns, spec.Text, spec.Input, spec.Other);
        }

        public static Case Of(string text, RandomSpec.Shape input) => Analysed(0, 0, text.Split('\n')[1].Substring("namespace: ".Length), text, input, null);

        private static Case Analysed(int seed, int budget, string ns, string text, RandomSpec.Shape input, RandomSpec.Shape? other)
        {
            var parsed = NetDslProject.Parse("/diff/" + ns + ".net.yaml", text, "Diff");
            var analysis = NetDslProject.Analyze(parsed, NetDslProject.Library(new[] { parsed }));
            var rejection = string.Join("; ", analysis.Diagnostics.Where(d => d.Severity == Severity.Error).Take(3)) + "\n" + text;
            return new Case(seed, budget, ns, text, input, other, analysis.Network, rejection) { Plan = analysis.Plan?.Network };
        }

        /// <summary>Null when the class does what the analysis said, else what differs.</summary>
        public string? Check(Assembly assembly)
        {
            using var scope = torch.NewDisposeScope();
            try
            {
                using var model = Create(assembly);
                var type = model.GetType();
                model.eval();
                var summary = Summary!;
                var expected = new long[] { 2 }.Concat(summary.Output.Dims.Select(d => (long)d)).ToArray();
                foreach (var input in new[] { Input }.Concat(Other is { } other ? new[] { other } : Array.Empty<RandomSpec.Shape>()))
                {
                    using var output = model.forward(torch.randn(2, input.C, input.H, input.W));
                    if (!output.shape.SequenceEqual(expected))
                    {
                        return $"at input [{input.C}, {input.H}, {input.W}] the output is [{string.Join(", ", output.shape)}], the analysis said [{string.Join(", ", expected)}]";
                    }
                }

                var parameters = model.parameters().Sum(p => p.numel());
                if (parameters != summary.Parameters || (long)type.GetField("ParameterCount")!.GetValue(null)! != summary.Parameters)
                {
                    return $"the model has {parameters} parameters, the analysis said {summary.Parameters}";
                }

                var keys = model.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
                var planned = summary.Tensors.Select(t => t.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
                if (!keys.SequenceEqual(planned))
                {
                    return "state-dict keys differ: the model has " + string.Join(", ", keys.Except(planned).Take(5)) + " that the plan lacks, the plan " + string.Join(", ", planned.Except(keys).Take(5)) + " that the model lacks";
                }

                var order = model.named_parameters().Select(p => p.name).ToList();
                var plannedOrder = summary.Tensors.Where(t => !t.Buffer).Select(t => t.Key).ToList();
                return order.SequenceEqual(plannedOrder) ? null : "the parameters come in another order: " + string.Join(", ", order.Take(8)) + " … against the plan's " + string.Join(", ", plannedOrder.Take(8));
            }
            catch (Exception e)
            {
                return "threw " + (e is TargetInvocationException { InnerException: { } inner } ? inner : e).GetType().Name + ": " + (e.InnerException ?? e).Message;
            }
        }
    }
}
