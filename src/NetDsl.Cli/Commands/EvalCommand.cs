using System;
using System.CommandLine;
using System.IO;
using NetDsl.Cli.Data;
using NetDsl.Cli.Models;
using NetDsl.Cli.Reporting;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl eval --model X --checkpoint path --data Y</c>: evaluates a checkpoint on the test split.</summary>
internal static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var shared = new ModelDataOptions(context);
        var checkpoint = new Option<string>("--checkpoint") { Description = "A checkpoint written by 'netdsl train' (last.ckpt or best.ckpt), or weights (.safetensors, e.g. from --export or PyTorch).", Required = true };
        var command = new Command("eval", "Evaluate a checkpoint on a data set's test split: top-1/top-5 error, per-class accuracy, confusion matrix.") { checkpoint };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var (modelType, input, data) = shared.Resolve(parse);
            var path = parse.GetValue(checkpoint)!;
            if (!File.Exists(path))
            {
                throw new CliException(ExitCodes.Usage, $"--checkpoint: '{path}' does not exist; 'netdsl train' writes last.ckpt and best.ckpt into its --out folder.");
            }

            var test = shared.Load(parse, data, DataSplit.Test);
            var classes = shared.ClassCount(parse, test);
            var (mean, std) = data.Normalization(() => shared.Load(parse, data, DataSplit.Train));
            var pipeline = InputFit.Pipeline(test.Shape, input, modelType.Name, mean, std, augment: false);
            using var model = ModelCatalog.Create(modelType, classes);
            return RunGuard.Run(() =>
            {
                try
                {
                    if (ModelWeights.IsSafeTensors(path))
                    {
                        ModelWeights.Load(model, path);
                    }
                    else
                    {
                        CheckpointStore.Load(path, model, optimizer: null);
                    }
                }
                catch (Exception e) when (e is DamagedFileException or InvalidDataException)
                {
                    throw new CliException(ExitCodes.RunFailed, $"--checkpoint: {e.Message}", e);
                }
                catch (Exception e) when (e is ArgumentException or WeightsMismatchException)
                {
                    throw new CliException(
                        ExitCodes.RunFailed,
                        $"--checkpoint: '{path}' does not fit {modelType.Name} with {classes} classes ({e.Message}); was it trained with another --model or data set?",
                        e);
                }

                using var trainer = new Trainer(model, new TrainerOptions { Device = parse.GetValue(shared.Device)! });
                var result = trainer.Evaluate(new BatchLoader(test, parse.GetValue(shared.BatchSize), pipeline));
                EvaluationReport.Write(context.Output, $"{modelType.Name} from {path} on {data.Name}", result, test.ClassNames);
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
