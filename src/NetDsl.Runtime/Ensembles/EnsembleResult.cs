using System.Collections.Generic;
using NetDsl.Runtime.Training;

namespace NetDsl.Runtime.Ensembles;

/// <summary>Each member's evaluation and the ensemble's, on the same images.</summary>
/// <param name="Members">The members' results, in the order they were given.</param>
/// <param name="Ensemble">The result of the averaged softmax outputs: its loss is the mean negative log of the averaged probability of the target.</param>
public sealed record EnsembleResult(IReadOnlyList<MemberResult> Members, EvaluationResult Ensemble);

/// <summary>One member's evaluation.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Result">Its loss (cross-entropy), top-k errors, per-class accuracy and confusion matrix.</param>
public sealed record MemberResult(string Name, EvaluationResult Result);
