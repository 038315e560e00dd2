using System;
using System.IO;
using Google.Protobuf;
using NetDsl.Language.Backends;
using NetDsl.Language.Backends.Onnx;
using NetDsl.Language.Plan;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Weights;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Export;

/// <summary>
/// Writes a generated network as an ONNX model: the graph of its plan (<see cref="OnnxEmitter"/>) with the module's
/// state dict as the initializers, serialised with OnnxSharp's onnx.proto messages, atomically. The module must be
/// the plan's network built with the same parameter values; anything that does not fit is refused before a byte is written.
/// </summary>
public static class OnnxExport
{
    /// <summary>Writes <paramref name="module"/>, an instance of <paramref name="network"/>'s generated class, to <paramref name="path"/>.</summary>
    /// <returns>The graph written.</returns>
    /// <exception cref="NotExportableException">The opset is too low for a layer, the input is not accepted, or a layer has no ONNX form.</exception>
    /// <exception cref="ArgumentException">The module is not an instance of the network's class.</exception>
    /// <exception cref="WeightsMismatchException">The module's state dict does not have the plan's keys and shapes.</exception>
    /// <exception cref="IOException">The file cannot be written (nothing is left half-written).</exception>
    public static OnnxGraph Save(nn.Module<Tensor, Tensor> module, NetworkPlan network, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new OnnxExportOptions();
        if (module.GetName() != network.Class.Name)
        {
            throw new ArgumentException($"The module is a {module.GetName()}, not the network {network.Class.Name} the plan describes; pass the plan of its own spec.", nameof(module));
        }

        var graph = OnnxEmitter.Emit(network, options.Graph);
        var model = OnnxModel.Build(graph, OnnxWeights.Read(module, graph), options.Metadata);
        AtomicFile.Write(path, model.WriteTo);
        return graph;
    }
}
