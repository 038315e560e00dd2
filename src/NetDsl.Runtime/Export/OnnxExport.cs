using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using NetDsl.Language;
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

    /// <summary>
    /// Writes <paramref name="module"/> to <paramref name="path"/>, with the plan of its network found in
    /// <paramref name="specFiles"/> (the <c>.net.yaml</c> files of its project, checked as the build checks them).
    /// </summary>
    /// <returns>The graph written.</returns>
    /// <exception cref="ArgumentException">The specs have errors, or declare no network of the module's name.</exception>
    /// <exception cref="NotExportableException">The opset is too low for a layer, the input is not accepted, or a layer has no ONNX form.</exception>
    /// <exception cref="WeightsMismatchException">The module's state dict does not have the plan's keys and shapes.</exception>
    /// <exception cref="IOException">A spec cannot be read, or the file cannot be written (nothing is left half-written).</exception>
    public static OnnxGraph Save(nn.Module<Tensor, Tensor> module, IEnumerable<string> specFiles, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(specFiles);
        var defaultNamespace = module.GetType().Namespace ?? string.Empty;
        var parsed = specFiles.Select(f => NetDslProject.Parse(f, File.ReadAllText(f), defaultNamespace)).ToList();
        var results = NetDslProject.Check(parsed);
        var errors = results.SelectMany(r => r.Diagnostics).Where(d => d.Severity == Language.Model.Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The specs have errors; fix them (netdsl check) to export the network:\n" + string.Join("\n", errors), nameof(specFiles));
        }

        var networks = results.Select(r => r.Plan?.Network).OfType<NetworkPlan>().ToList();
        var network = networks.FirstOrDefault(n => n.Class.Name == module.GetName())
            ?? throw new ArgumentException($"No spec declares the network {module.GetName()}; they declare: {string.Join(", ", networks.Select(n => n.Class.Name))}.", nameof(specFiles));
        return Save(module, network, path, options);
    }
}
