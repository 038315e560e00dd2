using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using NetDsl.Nn;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Metrics;
using NetDsl.Runtime.Reporting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Trains and evaluates any <c>Module&lt;Tensor, Tensor&gt;</c> classifier (logits <c>[N, classes]</c>) with
/// cross-entropy: one dispose scope per step, the learning rate set from the schedule every step, gradient
/// clipping, evaluation and an atomic checkpoint every epoch (and every <see cref="TrainerOptions.CheckpointEvery"/>
/// steps), resuming exactly from the last checkpoint, and stopping at a step boundary when asked.
/// </summary>
/// <example>
/// <code>
/// var train = MnistFormat.LoadFashionMnist(DataSplit.Train);
/// var test = MnistFormat.LoadFashionMnist(DataSplit.Test);
/// var augment = new ImagePipeline(train.Shape, new RandomCrop(28, 28, 2), new HorizontalFlip(), new Normalize([0.286f], [0.353f]));
/// Trainer.Seed(0);
/// using var model = new ResNet20(classes: 10);
/// using var progress = new ConsoleProgress();
/// using var trainer = new Trainer(model, new TrainerOptions
/// {
///     Epochs = 30,
///     Optimizer = OptimizerSettings.Sgd(0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4),
///     Schedule = new WarmupSchedule(1, new CosineSchedule(30)),
///     CheckpointDirectory = "runs/resnet20",
///     Observers = [progress, new MetricsLog("runs/resnet20"), new CurvePlot("runs/resnet20/curves.png")],
/// });
/// var result = trainer.Fit(
///     new BatchLoader(train, 128, augment, shuffle: true),
///     new BatchLoader(test, 512, new ImagePipeline(test.Shape, new Normalize([0.286f], [0.353f]))));
/// </code>
/// </example>
public sealed class Trainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly TrainerOptions _options;
    private readonly double[] _baseRates;
    private readonly Parameter[] _trainable;
    private readonly CheckpointStore? _checkpoints;
    private readonly IReadOnlyList<int> _topK;

    /// <summary>
    /// Moves <paramref name="model"/> to the chosen device and builds the optimizer over its trainable parameters;
    /// freeze parameters (see <see cref="Transfer.FineTuning"/>) before this.
    /// </summary>
    public Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Epochs);
        if (options.CheckpointEvery is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointEvery, "CheckpointEvery must be at least 1 step.");
        }

        if (options.LabelSmoothing is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LabelSmoothing, "Label smoothing must be within [0, 1].");
        }

        if (options.WeightAverageDecay is { } decay)
        {
            WeightAverage.Check(decay);
        }

        _model = model;
        _options = options;
        _topK = TopK.Normalize(options.TopK);
        Device = DeviceSelection.Resolve(options.Device);
        _model.to(Device);
        (Optimizer, _baseRates) = OptimizerFactory.Create(_model, options.Optimizer, options.ParameterGroups);
        _trainable = [.. _model.parameters().Where(p => p.requires_grad)];
        _checkpoints = options.CheckpointDirectory is null ? null : new CheckpointStore(options.CheckpointDirectory);
        Average = options.WeightAverageDecay is { } averageDecay ? new WeightAverage(_model, averageDecay) : null;
    }

    /// <summary>The device the model runs on.</summary>
    public Device Device { get; }

    /// <summary>The optimizer (its parameter groups in <see cref="ParameterGroup"/> order, then the default group).</summary>
    public OptimizerHelper Optimizer { get; }

    /// <summary>The weight average, when <see cref="TrainerOptions.WeightAverageDecay"/> keeps one; <see cref="WeightAverage.Apply"/> puts it into the model.</summary>
    public WeightAverage? Average { get; }

    /// <summary>The checkpoint folder's store, when checkpoints are on.</summary>
    public CheckpointStore? Checkpoints => _checkpoints;

    /// <summary>Seeds libtorch's generators (CPU and, when present, CUDA). Call before building the model for repeatable initial weights.</summary>
    public static void Seed(int seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>
    /// Trains until <see cref="TrainerOptions.Epochs"/>, resuming from <c>last.ckpt</c> when checkpoints and
    /// <see cref="TrainerOptions.Resume"/> are on (at the step it was written, mid-epoch too). Evaluates on
    /// <paramref name="validation"/> after every epoch.
    /// </summary>
    /// <param name="train">The training batches.</param>
    /// <param name="validation">The validation batches, if any.</param>
    /// <param name="stop">
    /// Asks training to stop: the current step finishes, a resumable checkpoint is written (when checkpoints are
    /// on) and <see cref="TrainingInterruptedException"/> is thrown. Resuming from it continues exactly.
    /// </param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the checkpoints are left as they were.</exception>
    /// <exception cref="TrainingInterruptedException"><paramref name="stop"/> was signalled.</exception>
    public TrainingResult Fit(BatchLoader train, BatchLoader? validation = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var classes = train.Data.ClassNames.Count;
        var state = Resume(train);
        var history = new List<EpochReport>(state.History);
        var start = new TrainingStart(state.CompletedEpochs, _options.Epochs, train.BatchCount, Device.ToString(), train.Data.ClassNames, state.History)
        {
            FirstBatch = state.EpochBatches,
            FirstStep = state.GlobalStep,
            TopK = _topK,
        };
        foreach (var observer in _options.Observers)
        {
            observer.OnStart(start);
        }

        var step = state.GlobalStep;
        var (bestEpoch, bestScore) = (state.BestEpoch, state.BestScore);
        for (var epoch = state.CompletedEpochs; epoch < _options.Epochs; epoch++)
        {
            var partial = epoch == state.CompletedEpochs && state.EpochBatches > 0 ? state : null;
            var metrics = partial?.EpochMetrics is { } saved ? RestoreMetrics(saved) : new ClassificationMetrics(classes);
            var done = partial?.EpochBatches ?? 0;
            var carried = metrics.Count;
            var (priorSeconds, priorWait) = (partial?.EpochSeconds ?? 0, partial?.EpochDataWaitSeconds ?? 0);
            var clock = Stopwatch.StartNew();
            var dataWait = new Stopwatch();
            CheckpointState Position() => new(epoch, step, bestEpoch, bestScore, history)
            {
                EpochBatches = done,
                BatchesPerEpoch = train.BatchCount,
                EpochMetrics = metrics.Save(),
                EpochSeconds = priorSeconds + clock.Elapsed.TotalSeconds,
                EpochDataWaitSeconds = priorWait + dataWait.Elapsed.TotalSeconds,
            };

            _model.train();
            using (var batches = train.Epoch(epoch, done).GetEnumerator())
            {
                while (Next(batches, dataWait))
                {
                    var batch = batches.Current;
                    var learningRate = SetLearningRate(epoch + ((double)batch.Index / train.BatchCount));
                    var loss = TrainStep(batch, metrics, step);
                    if (!double.IsFinite(loss))
                    {
                        var kept = _checkpoints is not null && File.Exists(_checkpoints.LastPath) ? _checkpoints.LastPath : null;
                        throw new TrainingDivergedException(epoch, step, batch.Index, loss, kept);
                    }

                    var report = new BatchReport(epoch, batch.Index, train.BatchCount, step, loss, metrics.Accuracy, learningRate, (metrics.Count - carried) / clock.Elapsed.TotalSeconds);
                    foreach (var observer in _options.Observers)
                    {
                        observer.OnBatch(report);
                    }

                    step++;
                    done++;
                    if (stop.IsCancellationRequested)
                    {
                        throw Interrupted(Position(), save: true);
                    }

                    if (_options.CheckpointEvery is { } every && step % every == 0 && done < train.BatchCount)
                    {
                        Checkpoint(Position(), isBest: false);
                    }
                }
            }

            var trainSeconds = priorSeconds + clock.Elapsed.TotalSeconds;
            var trainSummary = metrics.Summarize(_topK);
            MetricsSummary? validationSummary;
            try
            {
                validationSummary = validation is null ? null : Evaluate(validation, stop).Summary;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw Interrupted(Position(), save: true);
            }

            var score = validationSummary?.Accuracy ?? -trainSummary.Loss;
            var isBest = bestEpoch < 0 || score > bestScore;
            if (isBest)
            {
                (bestEpoch, bestScore) = (epoch, score);
            }

            var epochReport = new EpochReport(
                epoch, trainSummary, validationSummary, Optimizer.ParamGroups.Last().LearningRate, priorSeconds + clock.Elapsed.TotalSeconds,
                trainSummary.Count / trainSeconds, priorWait + dataWait.Elapsed.TotalSeconds, isBest, _checkpoints?.LastPath);
            history.Add(epochReport);
            var finished = new CheckpointState(epoch + 1, step, bestEpoch, bestScore, history) { BatchesPerEpoch = train.BatchCount };
            Checkpoint(finished, isBest);
            foreach (var observer in _options.Observers)
            {
                observer.OnEpoch(epochReport);
            }

            if (stop.IsCancellationRequested && epoch + 1 < _options.Epochs)
            {
                throw Interrupted(finished, save: false);
            }
        }

        var result = new TrainingResult(history, bestEpoch, bestEpoch >= 0 ? _checkpoints?.BestPath : null);
        foreach (var observer in _options.Observers)
        {
            observer.OnEnd(result);
        }

        return result;
    }

    /// <summary>
    /// Evaluates the model (in evaluation mode, without gradients; the averaged weights when the run keeps an
    /// average; each image and its mirror image with <see cref="TrainerOptions.TestTimeFlip"/>) on every batch of
    /// <paramref name="data"/>'s epoch 0.
    /// </summary>
    public EvaluationResult Evaluate(BatchLoader data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var metrics = new ClassificationMetrics(data.Data.ClassNames.Count);
        var wasTraining = _model.training;
        _model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var averaged = Average?.Apply();
            foreach (var batch in data.Epoch(0, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var (images, labels) = batch.ToTensors(Device);
                var scores = SoftmaxAverage.Scores(_model, images, _options.TestTimeFlip);
                var loss = nn.functional.cross_entropy(scores, labels).item<float>();
                metrics.Add(ModelOutput.Scores(scores, batch.Count, metrics.Confusion.Classes, "The model"), batch.Labels, loss);
            }
        }
        finally
        {
            _model.train(wasTraining);
        }

        return new EvaluationResult(metrics.Summarize(_topK), metrics.Confusion);
    }

    /// <summary>Disposes the optimizer (its state tensors) and the weight average; the model belongs to the caller.</summary>
    public void Dispose()
    {
        Optimizer.Dispose();
        Average?.Dispose();
    }

    /// <summary>
    /// The state to start from: <c>last.ckpt</c>, restored into the model, optimizer and RNG, when resuming; else a
    /// fresh start with libtorch seeded.
    /// </summary>
    private CheckpointState Resume(BatchLoader train)
    {
        if (_checkpoints is null || !_options.Resume || !File.Exists(_checkpoints.LastPath))
        {
            Seed(_options.Seed);
            return new CheckpointState(0, 0, -1, double.NegativeInfinity, []);
        }

        var saved = CheckpointStore.Inspect(_checkpoints.LastPath).WeightAverageDecay;
        if (saved != _options.WeightAverageDecay)
        {
            throw new InvalidOperationException(
                $"'{_checkpoints.LastPath}' was written by a run {AverageWords(saved)} but this run {AverageWords(_options.WeightAverageDecay)}; " +
                "resume with the weight average the run started with (--ema), or start over without --resume.");
        }

        var state = CheckpointStore.Load(_checkpoints.LastPath, _model, Optimizer, Average);
        if (state.EpochBatches > 0 && state.BatchesPerEpoch != train.BatchCount)
        {
            throw new InvalidOperationException(
                $"'{_checkpoints.LastPath}' stopped at {state.Position}, but this run's epochs have {train.BatchCount} batches; " +
                "resume with the data and batch size the run started with (--batch-size, --limit), or start over without --resume.");
        }

        return state;
    }

    private static string AverageWords(double? decay) => decay is { } d ? $"keeping a weight average with decay {d}" : "keeping no weight average";

    /// <summary>The unfinished epoch's metrics from the checkpoint being resumed.</summary>
    private ClassificationMetrics RestoreMetrics(MetricsState saved)
    {
        try
        {
            return ClassificationMetrics.Restore(saved);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"'{_checkpoints?.LastPath}' stopped mid-epoch but its epoch metrics cannot be carried on: {e.Message} " +
                "Start over without --resume, or resume from a checkpoint written at the end of an epoch.",
                e);
        }
    }

    /// <summary>Writes <paramref name="state"/>, with the options' prediction metadata, when there is a checkpoint folder.</summary>
    private void Checkpoint(CheckpointState state, bool isBest) =>
        _checkpoints?.Save(state with { Prediction = _options.Prediction, WeightAverageDecay = _options.WeightAverageDecay }, _model, Optimizer, isBest, Average);

    /// <summary>Writes the resumable checkpoint of <paramref name="position"/> unless it is written, and makes the exception that ends <see cref="Fit"/>.</summary>
    private TrainingInterruptedException Interrupted(CheckpointState position, bool save)
    {
        if (save)
        {
            Checkpoint(position, isBest: false);
        }

        return new TrainingInterruptedException(position, _checkpoints?.LastPath);
    }

    /// <summary>Advances to the next batch, timing how long the step waits for the loader.</summary>
    private static bool Next(IEnumerator<Batch> batches, Stopwatch wait)
    {
        wait.Start();
        var more = batches.MoveNext();
        wait.Stop();
        return more;
    }

    private double TrainStep(Batch batch, ClassificationMetrics metrics, long step)
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = batch.ToTensors(Device);
        Optimizer.zero_grad();
        var (logits, loss) = Loss(images, labels);
        var value = loss.item<float>();
        if (!float.IsFinite(value))
        {
            return value;
        }

        loss.backward();
        if (_options.GradientClipNorm is { } clip)
        {
            nn.utils.clip_grad_norm_(_trainable, clip);
        }

        Optimizer.step();
        Average?.Update(step);
        metrics.Add(ModelOutput.Scores(logits, batch.Count, metrics.Confusion.Classes, "The model"), batch.Labels, value);
        return value;
    }

    /// <summary>The main logits and the loss: cross-entropy of the main output plus each auxiliary head's, weighted.</summary>
    private (Tensor Logits, Tensor Loss) Loss(Tensor images, Tensor labels)
    {
        if (_model is not IAuxiliaryClassifiers withHeads)
        {
            var logits = _model.call(images);
            return (logits, nn.functional.cross_entropy(logits, labels, label_smoothing: _options.LabelSmoothing));
        }

        var outputs = withHeads.ForwardWithAuxiliary(images);
        var loss = nn.functional.cross_entropy(outputs.Logits, labels, label_smoothing: _options.LabelSmoothing);
        foreach (var head in outputs.Auxiliary)
        {
            var weight = _options.AuxiliaryLossWeights.TryGetValue(head.Name, out var given) ? given : head.LossWeight;
            if (weight != 0)
            {
                loss = loss + (weight * nn.functional.cross_entropy(head.Logits, labels, label_smoothing: _options.LabelSmoothing));
            }
        }

        return (outputs.Logits, loss);
    }

    private double SetLearningRate(double epoch)
    {
        var factor = _options.Schedule.Factor(epoch);
        var i = 0;
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = _baseRates[i++] * factor;
        }

        return _baseRates[^1] * factor;
    }
}
