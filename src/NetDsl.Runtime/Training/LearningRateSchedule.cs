using System;

namespace NetDsl.Runtime.Training;

/// <summary>
/// A learning-rate multiplier as a pure function of training progress, so a resumed run continues the schedule
/// from the step counter alone. <c>epoch</c> is fractional: epoch 3, batch 10 of 40 is 3.25.
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>The multiplier of every parameter group's base learning rate at <paramref name="epoch"/>.</summary>
    public abstract double Factor(double epoch);
}

/// <summary>The base learning rate throughout.</summary>
public sealed record ConstantSchedule : LearningRateSchedule
{
    /// <inheritdoc />
    public override double Factor(double epoch) => 1;
}

/// <summary>Multiplies by <paramref name="Gamma"/> every <paramref name="StepEpochs"/> whole epochs (PyTorch's <c>StepLR</c>).</summary>
/// <param name="StepEpochs">Epochs between decays.</param>
/// <param name="Gamma">Decay factor.</param>
public sealed record StepSchedule(int StepEpochs, double Gamma) : LearningRateSchedule
{
    /// <inheritdoc />
    public override double Factor(double epoch) => Math.Pow(Gamma, Math.Floor(epoch / StepEpochs));
}

/// <summary>Multiplies by <paramref name="Gamma"/> after every whole epoch (PyTorch's <c>ExponentialLR</c>).</summary>
/// <param name="Gamma">Decay factor per epoch.</param>
public sealed record ExponentialSchedule(double Gamma) : LearningRateSchedule
{
    /// <inheritdoc />
    public override double Factor(double epoch) => Math.Pow(Gamma, Math.Floor(epoch));
}

/// <summary>Cosine annealing from 1 to <paramref name="MinFactor"/> over <paramref name="TotalEpochs"/>, updated every step.</summary>
/// <param name="TotalEpochs">Length of the anneal.</param>
/// <param name="MinFactor">The final multiplier.</param>
public sealed record CosineSchedule(double TotalEpochs, double MinFactor = 0) : LearningRateSchedule
{
    /// <inheritdoc />
    public override double Factor(double epoch)
    {
        var t = Math.Clamp(epoch / TotalEpochs, 0, 1);
        return MinFactor + ((1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }
}

/// <summary>
/// Linear warm-up from <paramref name="StartFactor"/> to 1 over <paramref name="WarmupEpochs"/> (updated every step),
/// multiplied by <paramref name="Then"/> (evaluated on the same epoch clock).
/// </summary>
/// <param name="WarmupEpochs">Length of the warm-up, in (fractional) epochs.</param>
/// <param name="Then">The schedule the warm-up scales.</param>
/// <param name="StartFactor">The multiplier at the first step.</param>
public sealed record WarmupSchedule(double WarmupEpochs, LearningRateSchedule Then, double StartFactor = 0.01) : LearningRateSchedule
{
    /// <inheritdoc />
    public override double Factor(double epoch)
    {
        var warm = WarmupEpochs <= 0 ? 1 : Math.Min(1, StartFactor + ((1 - StartFactor) * epoch / WarmupEpochs));
        return warm * Then.Factor(epoch);
    }
}
