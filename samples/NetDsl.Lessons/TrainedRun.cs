using System;
using NetDsl.Runtime.Reporting;
using static TorchSharp.torch;

namespace NetDsl.Samples.Lessons;

/// <summary>A network a lesson trained, with its epochs; the ensemble lesson evaluates the networks the others trained.</summary>
/// <param name="History">The run's epochs under its label (<c>resnet-56</c>).</param>
/// <param name="Network">The network's class name.</param>
/// <param name="Model">The trained model (its last epoch's weights).</param>
/// <param name="Parameters">Its parameter count.</param>
internal sealed record TrainedRun(RunHistory History, string Network, nn.Module<Tensor, Tensor> Model, long Parameters) : IDisposable
{
    /// <summary>The run's label.</summary>
    public string Label => History.Label;

    /// <summary>Disposes the model.</summary>
    public void Dispose() => Model.Dispose();
}
