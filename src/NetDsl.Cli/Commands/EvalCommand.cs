using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using NetDsl.Cli.Data;
using NetDsl.Cli.Models;
using NetDsl.Cli.Reporting;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Ensembles;

namespace NetDsl.Cli.Commands;

/// <summary>
/// <c>netdsl eval --model X --checkpoint path --data Y</c>: evaluates a checkpoint on the test split; several
/// <c>--checkpoint</c>s are evaluated alone and as an ensemble (their softmax outputs averaged).
/// </summary>
internal static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var shared = new ModelDataOptions(context, severalModels: true);
        var checkpoint = new Option<string[]>("--checkpoint")
        {
            Description = "A checkpoint written by 'netdsl train' (last.ckpt or best.ckpt), or weights (.safetensors, e.g. from --export or PyTorch); " +
                "repeat it to evaluate an ensemble that averages the networks' softmax outputs.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("eval", "Evaluate a checkpoint, or an ensemble of several, on a data set's test split: top-k errors, per-class accuracy, confusion matrix.") { checkpoint };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(checkpoint)!;
            var (models, data) = shared.ResolveAll(parse);
            if (models.Count != 1 && models.Count != paths.Length)
            {
                throw new CliException(
                    ExitCodes.Usage,
                    $"--model: give one --model for all {paths.Length} checkpoints, or one per --checkpoint in the same order; got {models.Count}.");
            }

            if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
            {
                throw new CliException(ExitCodes.Usage, $"--checkpoint: '{missing}' does not exist; 'netdsl train' writes last.ckpt and best.ckpt into its --out folder.");
            }

            if (paths.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new CliException(ExitCodes.Usage, $"--checkpoint: '{twice.Key}' is given twice; an ensemble's members are different checkpoints.");
            }

            var topK = shared.TopKs(parse);
            var test = shared.Load(parse, data, DataSplit.Test);
            var classes = shared.ClassCount(parse, test);
            var (mean, std) = data.Normalization(() => shared.Load(parse, data, DataSplit.Train));
            var members = new List<EnsembleMember>();
            try
            {
                return RunGuard.Run(() =>
                {
                    for (var i = 0; i < paths.Length; i++)
                    {
                        var type = Member(models, i);
                        var pipeline = InputFit.Pipeline(test.Shape, ModelCatalog.InputShape(type), type.Name, mean, std, augment: false);
                        var model = ModelCatalog.Create(type, classes);
                        members.Add(new EnsembleMember(paths[i], model, pipeline));
                        ModelFiles.Load(model, type.Name, classes, paths[i], ModelFiles.CheckpointOption);
                    }

                    var result = Ensemble.Evaluate(members, test, parse.GetValue(shared.BatchSize), parse.GetValue(shared.Device)!, topK, parse.GetValue(shared.Flip));
                    if (members.Count == 1)
                    {
                        EvaluationReport.Write(context.Output, $"{models[0].Name} from {paths[0]} on {data.Name}", result.Ensemble, test.ClassNames);
                    }
                    else
                    {
                        EnsembleReport.Write(context.Output, data.Name, result, [.. paths.Select((_, i) => Member(models, i).Name)]);
                        context.Output.WriteLine();
                        EvaluationReport.Write(context.Output, $"The ensemble of {members.Count} on {data.Name}", result.Ensemble, test.ClassNames);
                    }

                    return ExitCodes.Success;
                });
            }
            finally
            {
                foreach (var member in members)
                {
                    member.Model.Dispose();
                }
            }
        });
        return command;
    }

    /// <summary>The network of the <paramref name="index"/>-th checkpoint: the one <c>--model</c>, or the one in the same place.</summary>
    private static Type Member(IReadOnlyList<Type> models, int index) => models.Count == 1 ? models[0] : models[index];
}
