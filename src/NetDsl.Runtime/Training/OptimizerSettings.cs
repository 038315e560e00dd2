namespace NetDsl.Runtime.Training;

/// <summary>The optimizer algorithms the trainer builds.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent, with optional (Nesterov) momentum.</summary>
    Sgd,

    /// <summary>Adam (L2 weight decay added to the gradient).</summary>
    Adam,

    /// <summary>AdamW (decoupled weight decay).</summary>
    AdamW,

    /// <summary>RMSProp.</summary>
    RmsProp,
}

/// <summary>An optimizer and its hyper-parameters. Fields a kind does not use are ignored.</summary>
/// <param name="Kind">The algorithm.</param>
/// <param name="LearningRate">Base learning rate (scaled by parameter groups and the schedule).</param>
/// <param name="Momentum">Momentum (SGD, RMSProp).</param>
/// <param name="Nesterov">Nesterov momentum (SGD).</param>
/// <param name="WeightDecay">Weight decay (L2 for SGD, Adam and RMSProp; decoupled for AdamW).</param>
/// <param name="Beta1">First-moment decay (Adam, AdamW).</param>
/// <param name="Beta2">Second-moment decay (Adam, AdamW).</param>
/// <param name="Epsilon">Denominator term (Adam, AdamW, RMSProp).</param>
/// <param name="Alpha">Squared-gradient decay (RMSProp's "decay").</param>
public sealed record OptimizerSettings(
    OptimizerKind Kind = OptimizerKind.Sgd,
    double LearningRate = 0.1,
    double Momentum = 0.9,
    bool Nesterov = false,
    double WeightDecay = 0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double Alpha = 0.99)
{
    /// <summary>SGD with momentum (the ResNet recipe: lr 0.1, momentum 0.9, weight decay 1e-4).</summary>
    public static OptimizerSettings Sgd(double learningRate = 0.1, double momentum = 0.9, bool nesterov = false, double weightDecay = 1e-4) =>
        new(OptimizerKind.Sgd, learningRate, momentum, nesterov, weightDecay);

    /// <summary>Adam with PyTorch's defaults.</summary>
    public static OptimizerSettings Adam(double learningRate = 1e-3, double weightDecay = 0) =>
        new(OptimizerKind.Adam, learningRate, Momentum: 0, WeightDecay: weightDecay);

    /// <summary>AdamW with PyTorch's defaults (weight decay 0.01).</summary>
    public static OptimizerSettings AdamW(double learningRate = 1e-3, double weightDecay = 0.01) =>
        new(OptimizerKind.AdamW, learningRate, Momentum: 0, WeightDecay: weightDecay);

    /// <summary>
    /// RMSProp as the Inception-v4 paper trains: decay 0.9, ε 1.0, learning rate 0.045 (pair it with
    /// <see cref="InceptionSchedule"/>); momentum 0.9 as in TF-slim's Inception training scripts.
    /// </summary>
    public static OptimizerSettings InceptionRmsProp(double learningRate = 0.045, double momentum = 0.9, double weightDecay = 4e-5) =>
        new(OptimizerKind.RmsProp, learningRate, momentum, WeightDecay: weightDecay, Epsilon: 1.0, Alpha: 0.9);

    /// <summary>The Inception-v4 paper's decay: ×0.94 every two epochs.</summary>
    public static LearningRateSchedule InceptionSchedule { get; } = new StepSchedule(2, 0.94);
}
