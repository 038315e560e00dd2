using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Cli.Data;
using NetDsl.Cli.Models;
using NetDsl.Cli.Reporting;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl train --model X --data Y</c>: trains a network and evaluates it on the test split.</summary>
internal static class TrainCommand
{
    /// <summary>The momentum of <c>--momentum</c> when it is not given.</summary>
    internal const double DefaultMomentum = 0.9;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var shared = new ModelDataOptions(context);
        var transfer = new TransferOptions();
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 10 };
        var lr = new Option<double?>("--lr") { Description = "Base learning rate (default: sgd 0.1, adam/adamw 0.001, rmsprop 0.045)." };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd, adam, adamw or rmsprop.", DefaultValueFactory = _ => "sgd" };
        var momentum = new Option<double>("--momentum") { Description = "Momentum (sgd, rmsprop).", DefaultValueFactory = _ => DefaultMomentum };
        var schedule = new Option<string>("--schedule") { Description = "cosine, step, exponential, constant or inception (x0.94 every 2 epochs).", DefaultValueFactory = _ => "cosine" };
        var stepSize = new Option<int>("--step-size") { Description = "Epochs between decays (step).", DefaultValueFactory = _ => 30 };
        var gamma = new Option<double>("--gamma") { Description = "Decay factor (step, exponential).", DefaultValueFactory = _ => 0.1 };
        var warmup = new Option<double>("--warmup") { Description = "Epochs of linear learning-rate warm-up.", DefaultValueFactory = _ => 0 };
        var weightDecay = new Option<double?>("--weight-decay") { Description = "Weight decay (default: sgd 1e-4, adam 0, adamw 0.01, rmsprop 4e-5)." };
        var labelSmoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing of the loss, 0 to 1.", DefaultValueFactory = _ => 0 };
        var ema = new Option<double?>("--ema") { Description = "Keep an exponential moving average of the weights with this decay per step (e.g. 0.999); validation, the test figures, the checkpoints' weights for eval, predict and export, and --export use it." };
        var clip = new Option<double?>("--clip") { Description = "Clip the gradients' global L2 norm to this value." };
        var output = new Option<string?>("--out") { Description = "The run folder: checkpoints, metrics.jsonl/csv, curves.png, tensorboard/ (default runs/<model>)." };
        var seed = new Option<int>("--seed") { Description = "Seed for initial weights, data order and augmentation.", DefaultValueFactory = _ => 0 };
        var resume = new Option<bool>("--resume") { Description = "Continue from last.ckpt in --out when it exists, exactly where it stopped." };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "Also write last.ckpt every N steps, so an interruption loses at most N steps." };
        var augment = new Option<bool>("--augment") { Description = "Random crops (padding 1/8 of the side) and horizontal flips." };
        var erase = new Option<double>("--erase") { Description = "Probability of random erasing (Zhong et al. 2017) per training image, 0 to 1.", DefaultValueFactory = _ => 0 };
        var command = new Command("train", "Train a network on a data set, then print its top-k errors (--top-k), per-class accuracy and the confusion matrix.");
        shared.AddTo(command);
        transfer.AddTo(command);
        foreach (var option in new Option[] { epochs, lr, optimizer, momentum, schedule, stepSize, gamma, warmup, weightDecay, labelSmoothing, ema, clip, output, seed, resume, checkpointEvery, augment, erase })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var (modelType, input, data) = shared.Resolve(parse);
            if (parse.GetValue(epochs) < 1)
            {
                throw new CliException(ExitCodes.Usage, "--epochs must be at least 1.");
            }

            if (parse.GetValue(labelSmoothing) is < 0 or > 1)
            {
                throw new CliException(ExitCodes.Usage, "--label-smoothing must be within [0, 1].");
            }

            if (parse.GetValue(erase) is < 0 or > 1)
            {
                throw new CliException(ExitCodes.Usage, "--erase must be within [0, 1].");
            }

            if (parse.GetValue(ema) is { } decay && !(decay is > 0 and < 1))
            {
                throw new CliException(ExitCodes.Usage, "--ema must be within (0, 1), such as 0.999 (the weight given to the average at each step).");
            }

            if (parse.GetValue(checkpointEvery) is < 1)
            {
                throw new CliException(ExitCodes.Usage, "--checkpoint-every must be at least 1 step.");
            }

            var topK = shared.TopKs(parse);
            var settings = Optimizer(parse.GetValue(optimizer)!, parse.GetValue(lr), parse.GetValue(momentum), parse.GetValue(weightDecay));
            var lrSchedule = Schedule(parse.GetValue(schedule)!, parse.GetValue(epochs), parse.GetValue(stepSize), parse.GetValue(gamma), parse.GetValue(warmup));
            var train = shared.Load(parse, data, DataSplit.Train);
            var test = shared.Load(parse, data, DataSplit.Test);
            var classes = shared.ClassCount(parse, train);
            var (mean, std) = data.Normalization(() => train);
            var plain = InputFit.Pipeline(train.Shape, input, modelType.Name, mean, std, augment: false);
            var prediction = new PredictionMetadata { ClassNames = train.ClassNames, Mean = mean, Std = std, Input = input, DataShape = train.Shape };
            var trainPipeline = parse.GetValue(augment) || parse.GetValue(erase) > 0
                ? InputFit.Pipeline(train.Shape, input, modelType.Name, mean, std, parse.GetValue(augment), parse.GetValue(erase))
                : plain;
            var folder = parse.GetValue(output) ?? Path.Combine("runs", modelType.Name);
            using var folderLock = Lock(folder, parse, context.Output);
            context.Output.WriteLine($"{modelType.Name} {input} on {data.Name}: {train.Count} training and {test.Count} test images {train.Shape} fitted to {plain.OutputShape}; writing to {folder}.");

            Trainer.Seed(parse.GetValue(seed));
            using var model = ModelCatalog.Create(modelType, classes);
            transfer.Apply(parse, model, context.Output);
            using var progress = new ConsoleProgress(context.Console);
            var options = new TrainerOptions
            {
                Epochs = parse.GetValue(epochs),
                Optimizer = settings,
                Schedule = lrSchedule,
                ParameterGroups = transfer.Groups(parse),
                LabelSmoothing = parse.GetValue(labelSmoothing),
                WeightAverageDecay = parse.GetValue(ema),
                TestTimeFlip = parse.GetValue(shared.Flip),
                GradientClipNorm = parse.GetValue(clip),
                Seed = parse.GetValue(seed),
                TopK = topK,
                Device = parse.GetValue(shared.Device)!,
                CheckpointDirectory = folder,
                CheckpointEvery = parse.GetValue(checkpointEvery),
                Resume = parse.GetValue(resume),
                Prediction = prediction,
                Observers = [progress, new MetricsLog(folder), new TensorBoardLog(Path.Combine(folder, "tensorboard")), new CurvePlot(Path.Combine(folder, "curves.png"))],
            };
            return RunGuard.Run(() =>
            {
                using var trainer = new Trainer(model, options);
                var batch = parse.GetValue(shared.BatchSize);
                using (var signals = new StopSignals(context.Error))
                {
                    try
                    {
                        trainer.Fit(
                            new BatchLoader(train, batch, trainPipeline, shuffle: true, seed: parse.GetValue(seed)),
                            new BatchLoader(test, batch, plain),
                            signals.Token);
                    }
                    catch (TrainingInterruptedException e)
                    {
                        context.Error.WriteLine($"netdsl: interrupted: {e.Message} Resume with:");
                        context.Error.WriteLine("  " + ResumeCommand(parse));
                        return ExitCodes.Interrupted;
                    }
                    catch (DamagedFileException e)
                    {
                        throw new CliException(
                            ExitCodes.RunFailed,
                            $"--resume: {e.Message} Resume from another copy ({Path.Combine(folder, "best.ckpt")} holds the best epoch: copy it over last.ckpt), or start over without --resume.",
                            e);
                    }
                }

                var result = trainer.Evaluate(new BatchLoader(test, batch, plain));
                context.Output.WriteLine();
                EvaluationReport.Write(context.Output, "Test", result, test.ClassNames);
                File.WriteAllText(Path.Combine(folder, "confusion.csv"), result.Confusion.ToCsv(test.ClassNames));
                using var averaged = trainer.Average?.Apply();
                transfer.Save(parse, model, new Dictionary<string, string>(prediction.ToStrings())
                {
                    ["model"] = modelType.Name,
                    ["classes"] = classes.ToString(CultureInfo.InvariantCulture),
                    ["data"] = data.Name,
                    ["epochs"] = parse.GetValue(epochs).ToString(CultureInfo.InvariantCulture),
                    ["test_top1_error"] = result.Summary.Top1Error.ToString("R", CultureInfo.InvariantCulture),
                }, context.Output);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>Takes the run folder, or says which live run has it; tells when it took over from a killed run.</summary>
    private static RunFolderLock Lock(string folder, ParseResult parse, TextWriter output)
    {
        try
        {
            var taken = RunFolderLock.Acquire(folder, "netdsl " + string.Join(' ', parse.Tokens.Select(t => Quote(t.Value))));
            if (taken.StaleOwner is { } stale)
            {
                output.WriteLine($"Took over {folder} from a run that is no longer running ({stale}).");
            }

            if (taken.DeletedLeftovers > 0)
            {
                output.WriteLine($"Deleted {taken.DeletedLeftovers} temporary file(s) that an interrupted write left in {folder}.");
            }

            return taken;
        }
        catch (RunFolderInUseException e)
        {
            throw new CliException(ExitCodes.Usage, $"--out: {e.Message}", e);
        }
    }

    /// <summary>This command line with <c>--resume</c>, quoted for a POSIX shell.</summary>
    private static string ResumeCommand(ParseResult parse)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        if (!tokens.Contains("--resume"))
        {
            tokens.Add("--resume");
        }

        return "netdsl " + string.Join(' ', tokens.Select(Quote));
    }

    private static string Quote(string token) =>
        token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,+@".Contains(c)) ? token : "'" + token.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The optimizer <c>--optimizer</c> names, with train's defaults for what is not given.</summary>
    /// <exception cref="CliException">The name is none of sgd, adam, adamw and rmsprop.</exception>
    internal static OptimizerSettings Optimizer(string name, double? lr, double momentum, double? weightDecay)
    {
        var settings = name.ToLowerInvariant() switch
        {
            "sgd" => OptimizerSettings.Sgd(momentum: momentum),
            "adam" => OptimizerSettings.Adam(),
            "adamw" => OptimizerSettings.AdamW(),
            "rmsprop" => OptimizerSettings.InceptionRmsProp(momentum: momentum),
            _ => throw new CliException(ExitCodes.Usage, $"--optimizer: unknown optimizer '{name}'; use sgd, adam, adamw or rmsprop."),
        };
        return settings with
        {
            LearningRate = lr ?? settings.LearningRate,
            WeightDecay = weightDecay ?? settings.WeightDecay,
        };
    }

    private static LearningRateSchedule Schedule(string name, int epochs, int stepSize, double gamma, double warmup)
    {
        LearningRateSchedule schedule = name.ToLowerInvariant() switch
        {
            "cosine" => new CosineSchedule(epochs),
            "step" => stepSize >= 1 ? new StepSchedule(stepSize, gamma) : throw new CliException(ExitCodes.Usage, "--step-size must be at least 1."),
            "exponential" => new ExponentialSchedule(gamma),
            "constant" => new ConstantSchedule(),
            "inception" => OptimizerSettings.InceptionSchedule,
            _ => throw new CliException(ExitCodes.Usage, $"--schedule: unknown schedule '{name}'; use cosine, step, exponential, constant or inception."),
        };
        return warmup > 0 ? new WarmupSchedule(warmup, schedule) : schedule;
    }
}
