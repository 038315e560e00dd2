namespace NetDsl.Runtime.Training;

/// <summary>
/// Hyper-parameters for the parameters whose names match <paramref name="Pattern"/> (see
/// <see cref="Transfer.NamePattern"/>); the first matching group wins, unmatched parameters form the default group.
/// </summary>
/// <param name="Pattern">Glob over parameter names, e.g. <c>fc.*</c>.</param>
/// <param name="LearningRateScale">Multiplier of the base learning rate (e.g. 10 for a new head, 0.1 for a backbone).</param>
/// <param name="WeightDecay">Weight decay for this group; null keeps the optimizer's.</param>
public sealed record ParameterGroup(string Pattern, double LearningRateScale = 1, double? WeightDecay = null);
