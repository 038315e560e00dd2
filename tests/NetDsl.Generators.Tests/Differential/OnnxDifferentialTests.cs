using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language.Backends.Onnx;
using NetDsl.Runtime.Export;
using NetDsl.Testing;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NetDsl.Generators.Tests.Differential;

/// <summary>
/// The ONNX back end against every construct the random specs have (dilation, groups, rectangular kernels and
/// strides, ceil-mode and padded pools, count_include_pad, global and adaptive pools, every shortcut kind, scales,
/// pre-activation, repeats with overrides, linear without bias): each compiled network, with random weights and
/// batch-norm statistics, exported plain and with folded norms, computes in ONNX Runtime what it computes in
/// TorchSharp in eval mode, within max |onnx − torchsharp| ≤ 1e-4 · max(1, max |torchsharp|), at its nominal input and,
/// where the graph's size is symbolic, at its other accepted size.
/// </summary>
public sealed class OnnxDifferentialTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    /// <summary>The one refusal a valid spec may meet: ONNX's pools have fixed windows, PyTorch's adaptive ones do not.</summary>
    private const string AdaptivePoolRefusal = "which no fixed ONNX pooling window does";

    /// <summary>How many accepted specs a run exports (NETDSL_ONNX_DIFFERENTIAL_SPECS overrides; CI runs the default, one compiled batch).</summary>
    private static int Target => int.TryParse(Environment.GetEnvironmentVariable("NETDSL_ONNX_DIFFERENTIAL_SPECS"), out var n) ? n : 120;

    [Fact]
    public void RandomValidSpecsComputeInOnnxRuntimeWhatTheyComputeInTorchSharp()
    {
        var cases = DifferentialTests.Accepted(Target, 6);
        var assembly = DifferentialTests.Compile(cases, out var errors);
        Assert.True(assembly is not null, "the specs did not compile: " + errors);
        var folder = Directory.CreateTempSubdirectory("netdsl-onnx-diff-").FullName;
        var failures = new List<string>();
        var refused = new List<string>();
        var largest = 0.0;
        try
        {
            foreach (var c in cases)
            {
                var (problem, difference) = Check(c, assembly!, Path.Combine(folder, c.Namespace + ".onnx"));
                largest = Math.Max(largest, difference);
                if (problem is not null && problem.Contains(AdaptivePoolRefusal, StringComparison.Ordinal))
                {
                    refused.Add(problem);
                }
                else if (problem is not null)
                {
                    failures.Add($"seed {c.Seed}: {problem}\n---\n{c.Text}---");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        output.WriteLine($"{cases.Count - refused.Count} of {cases.Count} specs exported and run; the largest difference relative to max(1, max |output|): {largest:E2}; "
            + $"{refused.Count} refused, as they must be, for an adaptive pool whose size does not divide its input's");

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} specs compute differently in ONNX Runtime; the first:\n{failures.FirstOrDefault()}");
        Assert.True(refused.Count * 4 < cases.Count, $"{refused.Count} of {cases.Count} specs were refused for their adaptive pools; the first: {refused.FirstOrDefault()}");
    }

    private static (string? Problem, double Difference) Check(DifferentialTests.Case c, System.Reflection.Assembly assembly, string path)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(c.Seed);
        using var model = c.Create(assembly);
        RandomNorms.Apply(model);
        model.eval();
        var largest = 0.0;
        foreach (var fold in new[] { false, true })
        {
            OnnxGraph graph;
            try
            {
                graph = OnnxExport.Save(model, c.Plan!, path, new OnnxExportOptions { FoldBatchNorm = fold });
            }
            catch (Exception e)
            {
                return ($"export{(fold ? " with folded norms" : string.Empty)} threw {e.GetType().Name}: {e.Message}", largest);
            }

            var symbolic = graph.Input.Dims[2].Param is not null;
            foreach (var input in new[] { c.Input }.Concat(symbolic && c.Other is { } other ? new[] { other } : Array.Empty<RandomSpec.Shape>()))
            {
                var x = randn(2, input.C, input.H, input.W);
                Tensor expected;
                using (no_grad())
                {
                    expected = model.forward(x);
                }

                var (_, actual) = OnnxRun.Run(path, x);
                if (!actual.shape.SequenceEqual(expected.shape))
                {
                    return ($"at [{input.C}, {input.H}, {input.W}]{(fold ? " folded" : string.Empty)} ONNX Runtime gives [{string.Join(", ", actual.shape)}], TorchSharp [{string.Join(", ", expected.shape)}]", largest);
                }

                var relative = (actual - expected).abs().max().ToDouble() / Math.Max(1, expected.abs().max().ToDouble());
                largest = Math.Max(largest, relative);
                if (relative > Tolerance)
                {
                    return ($"at [{input.C}, {input.H}, {input.W}]{(fold ? " folded" : string.Empty)} ONNX Runtime differs by {relative:E2} of max(1, max |output|)", largest);
                }
            }
        }

        return (null, largest);
    }
}
