using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>
/// An exponential moving average of a model's state (its parameters and its batch-norm statistics), updated after
/// every optimizer step: <c>average ← d · average + (1 − d) · live</c>. The decay ramps up as
/// <c>d = min(decay, (1 + step) / (10 + step))</c>, as TensorFlow's <c>ExponentialMovingAverage</c> does with
/// <c>num_updates</c>, so the first steps' random weights do not linger in a short run. Integer buffers (batch
/// norm's step count) are copied, not averaged.
/// </summary>
/// <remarks>
/// The average is kept beside the model rather than in a second model, because a generated network cannot be cloned
/// without its constructor arguments; <see cref="Apply"/> swaps it into the model for evaluation and saving.
/// </remarks>
public sealed class WeightAverage : IDisposable
{
    private readonly (Tensor Live, Tensor Average)[] _pairs;

    /// <summary>Starts the average at the model's current state.</summary>
    /// <param name="model">The model whose state is averaged; it must already be on its device.</param>
    /// <param name="decay">The decay per step, in (0, 1); 0.999 averages over about the last thousand steps.</param>
    public WeightAverage(nn.Module model, double decay)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(decay);
        Decay = decay;
        using var noGrad = torch.no_grad();
        _pairs = [.. model.state_dict().Values.Select(live => (live, live.detach().clone().DetachFromDisposeScope()))];
    }

    /// <summary>The decay per step, once it has ramped up.</summary>
    public double Decay { get; }

    /// <summary>Throws unless <paramref name="decay"/> is a decay an average can have.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not within (0, 1).</exception>
    public static void Check(double decay)
    {
        if (!(decay is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The weight average's decay must be within (0, 1), such as 0.999.");
        }
    }

    /// <summary>The decay used after optimizer step <paramref name="step"/> (counted from 0).</summary>
    public double DecayAt(long step) => Math.Min(Decay, (1.0 + step) / (10.0 + step));

    /// <summary>Moves the average towards the model's state after optimizer step <paramref name="step"/>.</summary>
    public void Update(long step)
    {
        var decay = DecayAt(step);
        using var noGrad = torch.no_grad();
        foreach (var (live, average) in _pairs)
        {
            if (average.is_floating_point())
            {
                average.mul_(decay).add_(live, alpha: 1 - decay);
            }
            else
            {
                average.copy_(live);
            }
        }
    }

    /// <summary>
    /// Puts the average into the model until the returned object is disposed, which puts the model's own state
    /// back: evaluate or save the averaged network inside it.
    /// </summary>
    public IDisposable Apply()
    {
        using var noGrad = torch.no_grad();
        var saved = _pairs.Select(p => p.Live.detach().clone().DetachFromDisposeScope()).ToArray();
        foreach (var (live, average) in _pairs)
        {
            live.copy_(average);
        }

        return new Restore(_pairs, saved);
    }

    /// <summary>Makes the model's current state the average (after loading a saved average into the model).</summary>
    public void TakeFromModel()
    {
        using var noGrad = torch.no_grad();
        foreach (var (live, average) in _pairs)
        {
            average.copy_(live);
        }
    }

    /// <summary>Frees the average's tensors; the model is untouched.</summary>
    public void Dispose()
    {
        foreach (var (_, average) in _pairs)
        {
            average.Dispose();
        }
    }

    private sealed class Restore((Tensor Live, Tensor Average)[] pairs, IReadOnlyList<Tensor> saved) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            using var noGrad = torch.no_grad();
            for (var i = 0; i < pairs.Length; i++)
            {
                pairs[i].Live.copy_(saved[i]);
                saved[i].Dispose();
            }
        }
    }
}
