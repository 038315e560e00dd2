using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Language.Backends.Onnx;
using NetDsl.Runtime.Export;
using NetDsl.Testing;
using NetDsl.Zoo.Tests.Parity;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Onnx;

/// <summary>
/// Every zoo network exported to ONNX once, with and without folded batch norms, from a TorchSharp instance with
/// random weights and random batch-norm statistics (so that a norm in the wrong place, or folded wrongly, shows),
/// with that instance's eval-mode output for one random input of the smallest size the network accepts (32×32 for
/// the ResNets, the nominal input for the others).
/// Shared by the tests of <see cref="ZooOnnxCollection"/>; the files are deleted with it.
/// </summary>
public sealed class ZooOnnxExports : IDisposable
{
    private readonly Dictionary<string, ZooOnnxExport> _exports = new(StringComparer.Ordinal);
    private readonly ScratchFolder _folder = new();

    /// <summary>The zoo's networks.</summary>
    public static IEnumerable<string> Networks => ExportedReference.Networks;

    /// <summary>The export of <paramref name="network"/>, made on first use.</summary>
    public ZooOnnxExport Get(string network)
    {
        lock (_exports)
        {
            if (!_exports.TryGetValue(network, out var export))
            {
                export = Export(network);
                _exports[network] = export;
            }

            return export;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();

    private ZooOnnxExport Export(string network)
    {
        var plan = ExportedReference.Plan(network);
        using var scope = NewDisposeScope();
        torch.manual_seed(17);
        using var model = ExportedReference.Create(network);
        RandomNorms.Apply(model);
        model.eval();
        var accepts = plan.Accepts;
        var input = randn(1, accepts.Channels, accepts.Height.Min, accepts.Width.Min);
        Tensor expected;
        using (no_grad())
        {
            expected = model.forward(input);
        }

        var clock = Stopwatch.StartNew();
        var plainPath = _folder.File(network + ".onnx");
        var size = (accepts.Height.Min, accepts.Width.Min);
        var plain = OnnxExport.Save(model, plan, plainPath, new OnnxExportOptions { Input = size });
        var plainTime = clock.Elapsed;
        var foldedPath = _folder.File(network + ".folded.onnx");
        var folded = OnnxExport.Save(model, plan, foldedPath, new OnnxExportOptions { Input = size, FoldBatchNorm = true });
        return new ZooOnnxExport(network, plainPath, plain, foldedPath, folded, input.MoveToOuterDisposeScope(), expected.MoveToOuterDisposeScope(), plainTime, new FileInfo(plainPath).Length);
    }
}

/// <summary>One network's exports, the input and TorchSharp's eval-mode output for it, and how long the plain export took.</summary>
public sealed record ZooOnnxExport(
    string Network,
    string Plain,
    OnnxGraph PlainGraph,
    string Folded,
    OnnxGraph FoldedGraph,
    Tensor Input,
    Tensor Expected,
    TimeSpan ExportTime,
    long Bytes);

/// <summary>The tests that share <see cref="ZooOnnxExports"/>, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ZooOnnxCollection : ICollectionFixture<ZooOnnxExports>
{
    public const string Name = "zoo onnx exports";
}
