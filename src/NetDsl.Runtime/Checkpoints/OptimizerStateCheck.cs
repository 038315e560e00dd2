using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using TorchSharp.Modules;

namespace NetDsl.Runtime.Checkpoints;

/// <summary>
/// Walks a checkpoint's optimizer section (TorchSharp's <c>Optimizer.save_state_dict</c>: the optimizer's type name,
/// the group and state counts, each group's options, each parameter's state) before TorchSharp reads it, checking
/// that it is the same optimizer over the same parameters and that every state tensor has its parameter's shape and
/// element type. TorchSharp would otherwise allocate a tensor of whatever shape the file claims.
/// </summary>
internal static class OptimizerStateCheck
{
    // What TorchSharp 0.107 writes for the optimizers NetDsl builds, one letter per field: d double, b boolean,
    // l int64, t tensor, c optional tensor (a boolean, then a tensor when it is true). Options start with the
    // initial and the current learning rate.
    private static readonly Dictionary<string, (string Options, string State)> Layouts = new()
    {
        ["SGD"] = ("dddddbb", "c"),
        ["Adam"] = ("ddddddbb", "lttc"),
        ["AdamW"] = ("ddddddbb", "lttc"),
        ["RMSProp"] = ("ddbddddb", "ltcc"),
    };

    /// <summary>Checks <paramref name="section"/> against <paramref name="optimizer"/>.</summary>
    /// <exception cref="WeightsMismatchException">The section is another optimizer's, or for other parameters.</exception>
    /// <exception cref="InvalidDataException">The section is malformed.</exception>
    public static void Check(byte[] section, OptimizerHelper optimizer, string path)
    {
        var type = optimizer.GetType().Name;
        if (!Layouts.TryGetValue(type, out var layout))
        {
            throw new WeightsMismatchException($"'{path}': NetDsl cannot check the saved state of a {type} optimizer; use SGD, Adam, AdamW or RMSProp.");
        }

        using var stream = new MemoryStream(section, writable: false);
        var reader = new TorchSharpReader(stream, 0, section.Length, problem => new InvalidDataException($"'{path}' has a malformed optimizer section: {problem}."));
        var saved = reader.ReadString("the optimizer's name");
        if (saved != type)
        {
            throw new WeightsMismatchException($"'{path}' holds the state of a {saved} optimizer but this run uses {type}; resume with the optimizer the run started with.");
        }

        var groups = optimizer.ParamGroups.Count();
        var parameters = optimizer.parameters().ToList();
        var (groupCount, stateCount) = (reader.ReadLeb128("the group count"), reader.ReadLeb128("the state count"));
        if (groupCount != groups || stateCount != parameters.Count)
        {
            throw new WeightsMismatchException(
                $"'{path}' holds optimizer state for {groupCount} parameter group(s) and {stateCount} parameters but this run's optimizer has {groups} and {parameters.Count}; " +
                "resume with the same model, --freeze/--unfreeze and --lr-group options.");
        }

        for (var g = 0; g < groupCount; g++)
        {
            Fields(reader, layout.Options, $"options of group {g}", null);
        }

        for (var p = 0; p < stateCount; p++)
        {
            Fields(reader, layout.State, $"state of parameter {p}", parameters[p]);
        }

        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"'{path}' has a malformed optimizer section: {reader.Remaining} bytes follow the last parameter's state.");
        }

        void Fields(TorchSharpReader r, string fields, string what, Parameter? parameter)
        {
            foreach (var field in fields)
            {
                switch (field)
                {
                    case 'd' or 'l':
                        r.SkipFixed(8, what);
                        break;
                    case 'b':
                        r.ReadBoolean(what);
                        break;
                    case 'c' when !r.ReadBoolean(what):
                        break;
                    default:
                        var entry = r.ReadTensor(what);
                        if (entry.DType != parameter!.dtype || !entry.Shape.SequenceEqual(parameter.shape))
                        {
                            throw new WeightsMismatchException(
                                $"'{path}': {what} is a {entry.DType} tensor {entry.ShapeText} but the parameter is {parameter.dtype} {TensorEntry.Format(parameter.shape)}; the checkpoint is for another model.");
                        }

                        break;
                }
            }
        }
    }
}
