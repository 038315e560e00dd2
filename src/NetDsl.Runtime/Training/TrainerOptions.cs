using System.Collections.Generic;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>Everything <see cref="Trainer"/> needs besides the model and the data; the defaults train a small CNN sensibly.</summary>
public sealed record TrainerOptions
{
    /// <summary>Total epochs (a resumed run stops at the same total).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>The optimizer; SGD with momentum 0.9, lr 0.1, weight decay 1e-4 by default.</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Sgd();

    /// <summary>The learning-rate schedule; constant by default.</summary>
    public LearningRateSchedule Schedule { get; init; } = new ConstantSchedule();

    /// <summary>Per-parameter-group learning-rate scales and weight decays; empty means one group.</summary>
    public IReadOnlyList<ParameterGroup> ParameterGroups { get; init; } = [];

    /// <summary>Clip the global gradient L2 norm to this value; null does not clip.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Label smoothing of the cross-entropy loss (0 to 1).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Loss weights of auxiliary classifiers by head name (<c>aux1</c>), replacing the weights their spec gives.
    /// A model that implements <see cref="NetDsl.Nn.IAuxiliaryClassifiers"/> is trained on
    /// <c>loss(main) + Σ weight · loss(head)</c>; a weight of 0 trains the main classifier alone.
    /// </summary>
    public IReadOnlyDictionary<string, double> AuxiliaryLossWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Keeps an exponential moving average of the weights with this decay per step (<see cref="WeightAverage"/>;
    /// 0.999 is usual): validation, <see cref="Trainer.Evaluate"/> and the best epoch use the averaged network, and
    /// checkpoints carry it for prediction and export. Null (the default) keeps none.
    /// </summary>
    public double? WeightAverageDecay { get; init; }

    /// <summary>
    /// Evaluates each image and its mirror image and averages the two softmax outputs (test-time augmentation);
    /// for data whose classes do not change under a horizontal flip.
    /// </summary>
    public bool TestTimeFlip { get; init; }

    /// <summary>The k of the top-k errors every summary reports (training, validation, evaluation); 1, 3 and 5 by default.</summary>
    public IReadOnlyList<int> TopK { get; init; } = Metrics.TopK.Default;

    /// <summary>Seed for libtorch's generator (dropout, initialisation after this point) and the data order.</summary>
    public int Seed { get; init; }

    /// <summary><c>auto</c> (CUDA when available), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Where <c>last.ckpt</c> and <c>best.ckpt</c> go every epoch; null writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// Also write <c>last.ckpt</c> every this many optimizer steps (counted over the whole run), so an interrupted
    /// run loses at most this many steps; null writes it at the end of each epoch only. A resume from a mid-epoch
    /// checkpoint continues exactly as the uninterrupted run would have.
    /// </summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>Whether <see cref="Trainer.Fit"/> resumes from <c>last.ckpt</c> in <see cref="CheckpointDirectory"/> when it exists.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>
    /// What classifying images as this run trains needs (class names, normalisation, input and data shapes), written
    /// into every checkpoint (<see cref="Checkpoints.CheckpointState.Prediction"/>) for <c>netdsl predict</c>; null writes none.
    /// </summary>
    public PredictionMetadata? Prediction { get; init; }

    /// <summary>Receivers of progress reports (logs, console display, TensorBoard, plots).</summary>
    public IReadOnlyList<ITrainingObserver> Observers { get; init; } = [];
}
