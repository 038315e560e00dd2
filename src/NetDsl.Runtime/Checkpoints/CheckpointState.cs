using System.Collections.Generic;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Checkpoints;

/// <summary>The trainer's own state in a checkpoint, besides the model, optimizer and RNG.</summary>
/// <param name="CompletedEpochs">Epochs finished; a resumed run starts at this epoch index.</param>
/// <param name="GlobalStep">Optimizer steps taken.</param>
/// <param name="BestEpoch">The best epoch so far, or -1.</param>
/// <param name="BestScore">The score of <paramref name="BestEpoch"/> (validation accuracy, or −training loss).</param>
/// <param name="History">Every finished epoch's report.</param>
public sealed record CheckpointState(int CompletedEpochs, long GlobalStep, int BestEpoch, double BestScore, IReadOnlyList<EpochReport> History);
