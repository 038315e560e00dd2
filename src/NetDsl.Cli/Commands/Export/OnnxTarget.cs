using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Cli.Models;
using NetDsl.Language.Backends;
using NetDsl.Language.Backends.Onnx;
using NetDsl.Language.Plan;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Export;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Cli.Commands.Export;

/// <summary>
/// <c>--to onnx</c>: the network's generated TorchSharp class, with weights from <c>--weights</c> or <c>--checkpoint</c>
/// (or freshly initialised ones), written as one ONNX model (<see cref="OnnxExport"/>) to the file <c>--out</c> names.
/// </summary>
internal sealed class OnnxTarget(CliContext context) : IExportTarget
{
    /// <summary>The seed of the weights exported when none are given.</summary>
    private const int FreshSeed = 0;

    /// <summary>The network parameter a class count from the weights' metadata sets.</summary>
    private const string ClassesParameter = "classes";

    private readonly Option<string?> _weights = new("--weights") { Description = "onnx: the weights to export (.safetensors, e.g. from 'netdsl train --export' or PyTorch, or TorchSharp's format); a safetensors file's netdsl.* metadata goes into the model." };
    private readonly Option<string?> _checkpoint = new("--checkpoint") { Description = "onnx: a checkpoint written by 'netdsl train' (last.ckpt or best.ckpt) whose weights to export." };
    private readonly Option<int> _opset = new("--opset") { Description = $"onnx: the ONNX opset, {OnnxOpsets.Min} to {OnnxOpsets.Max}.", DefaultValueFactory = _ => OnnxOpsets.Default };
    private readonly Option<bool> _foldBn = new("--fold-bn") { Description = "onnx: fold each batch norm that directly follows a conv into that conv's weight and bias." };
    private readonly Option<string[]> _assemblies = new("--assembly")
    {
        Description = "onnx: an assembly (.dll) holding the network's generated class, when it is not a zoo network.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    /// <inheritdoc/>
    public string Name => "onnx";

    /// <inheritdoc/>
    public string Writes => "an .onnx file";

    /// <inheritdoc/>
    public IReadOnlyList<Option> Options => [_weights, _checkpoint, _opset, _foldBn, _assemblies];

    /// <summary>Builds the network's class, loads the weights into it and writes the model atomically.</summary>
    /// <exception cref="CliException">An option is wrong, the weights do not fit, the network has no ONNX form, or the file cannot be written.</exception>
    public int Write(ParseResult parse, ExportRequest request)
    {
        var path = request.Output;
        if (!path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCodes.Usage, $"--out: '{path}' must name an .onnx file for --to onnx.");
        }

        var (weights, checkpoint) = (parse.GetValue(_weights), parse.GetValue(_checkpoint));
        if (weights is not null && checkpoint is not null)
        {
            throw new CliException(ExitCodes.Usage, "--weights and --checkpoint: give one of them, not both.");
        }

        var source = weights ?? checkpoint;
        if (source is not null && !File.Exists(source))
        {
            throw new CliException(ExitCodes.Usage, $"{(weights is null ? "--checkpoint" : "--weights")}: '{source}' does not exist.");
        }

        var plan = request.Network.Plan;
        LibTorchGuard.Ensure(context);
        var type = FindClass(parse, plan);
        torch.manual_seed(FreshSeed);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (weights is not null && ModelWeights.IsSafeTensors(weights))
        {
            metadata = Metadata(weights);
        }
        else if (checkpoint is not null)
        {
            Load(checkpoint, () => metadata = CheckpointStore.Inspect(checkpoint).Prediction?.ToStrings().ToDictionary(StringComparer.Ordinal) ?? metadata, "--checkpoint", plan);
        }

        var parameters = Parameters(plan, metadata, source);
        using var model = Create(type, plan, parameters);
        if (weights is not null)
        {
            Load(weights, () => ModelWeights.Load(model, weights), "--weights", plan);
        }
        else if (checkpoint is not null)
        {
            Load(checkpoint, () => CheckpointStore.Load(checkpoint, model, optimizer: null), "--checkpoint", plan);
        }

        model.eval();
        var options = new OnnxExportOptions { Opset = parse.GetValue(_opset), FoldBatchNorm = parse.GetValue(_foldBn), Parameters = parameters, Metadata = metadata };
        var graph = Save(model, plan, path, options);
        var what = source is null ? $"freshly initialised weights (seed {FreshSeed}; pass --weights or --checkpoint for trained ones)" : $"the weights of {source}";
        context.Output.WriteLine(
            $"Wrote {path} ({graph.Name} with {what}): opset {graph.Opset}, {graph.Nodes.Count} nodes, {graph.Initializers.Count} initializers, " +
            $"input [{string.Join(", ", graph.Input.Dims)}], output [{string.Join(", ", graph.Output.Dims)}]{(options.FoldBatchNorm ? ", batch norms folded" : string.Empty)}.");
        return ExitCodes.Success;
    }

    private static OnnxGraph Save(nn.Module<Tensor, Tensor> model, NetworkPlan plan, string path, OnnxExportOptions options)
    {
        try
        {
            return OnnxExport.Save(model, plan, path, options);
        }
        catch (NotExportableException e)
        {
            throw new CliException(ExitCodes.SpecErrors, e.Message, e);
        }
        catch (WeightsMismatchException e)
        {
            throw new CliException(ExitCodes.Usage, $"The class {plan.Class.Name} found for the spec is not the network the spec declares ({e.Message}); pass the assembly built from this spec with --assembly.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"--out: '{path}' cannot be written ({e.Message}); nothing was written there.", e);
        }
    }

    /// <summary>The network's generated class, from the zoo or <c>--assembly</c>.</summary>
    private Type FindClass(ParseResult parse, NetworkPlan plan)
    {
        var catalog = new ModelCatalog([ModelCatalog.ZooAssembly, .. parse.GetValue(_assemblies)!.Select(ModelOptions.LoadAssembly)]);
        if (catalog.Names.FirstOrDefault(n => n == plan.Class.Name) is not { } name)
        {
            throw new CliException(
                ExitCodes.Usage,
                $"--to onnx needs the generated class of {plan.Class.Name} for its weights, and neither the zoo nor --assembly has it; build the project that compiles the spec and pass its assembly with --assembly.");
        }

        return catalog.Find(name);
    }

    /// <summary>
    /// The spec parameters that differ from their defaults: <c>classes</c>, when the network has that parameter and the
    /// weights' metadata names the classes they were trained for (<c>netdsl train --classes</c> on a zoo network).
    /// </summary>
    private static Dictionary<string, double> Parameters(NetworkPlan plan, IReadOnlyDictionary<string, string> metadata, string? source)
    {
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        if (source is null || !plan.Class.Params.Any(p => p.Name == ClassesParameter))
        {
            return parameters;
        }

        try
        {
            if (PredictionMetadata.FromStrings(metadata, source).ClassNames is { Count: > 0 } names)
            {
                parameters[ClassesParameter] = names.Count;
            }
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCodes.RunFailed, e.Message, e);
        }

        return parameters;
    }

    /// <summary>The class built with the spec's parameter values (its defaults, but for <paramref name="parameters"/>), so its state dict is the plan's.</summary>
    private static nn.Module<Tensor, Tensor> Create(Type type, NetworkPlan plan, IReadOnlyDictionary<string, double> parameters)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var values = plan.Class.Params.ToDictionary(
            p => p.Name, p => parameters.TryGetValue(p.Name, out var value) ? value : ((Language.Model.NumberExpr)p.Default!).Value, StringComparer.Ordinal);
        var arguments = constructor.GetParameters().Select(p => values.TryGetValue(p.Name!, out var value)
            ? Convert.ChangeType(value, p.ParameterType, CultureInfo.InvariantCulture)
            : p.HasDefaultValue ? p.DefaultValue
            : throw new CliException(ExitCodes.Usage, $"{type.Name}'s constructor parameter '{p.Name}' is not a spec parameter and has no default.")).ToArray();
        return (nn.Module<Tensor, Tensor>)constructor.Invoke(arguments);
    }

    private static void Load(string path, Action load, string option, NetworkPlan plan)
    {
        try
        {
            load();
        }
        catch (Exception e) when (e is DamagedFileException or InvalidDataException)
        {
            throw new CliException(ExitCodes.RunFailed, $"{option}: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or WeightsMismatchException)
        {
            throw new CliException(ExitCodes.RunFailed, $"{option}: '{path}' does not fit {plan.Class.Name} as its spec declares it ({e.Message}); nothing was written.", e);
        }
    }

    /// <summary>The weights file's <c>netdsl.*</c> metadata (classes, normalisation), without its own checksum.</summary>
    private static Dictionary<string, string> Metadata(string path)
    {
        using var file = SafeTensorsFile.Open(path);
        return file.Metadata
            .Where(m => m.Key.StartsWith("netdsl.", StringComparison.Ordinal) && m.Key is not SafeTensorsFile.ChecksumKey and not SafeTensorsFile.ChecksumCopyKey)
            .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
    }
}
