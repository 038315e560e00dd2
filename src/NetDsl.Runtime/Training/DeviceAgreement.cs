using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>How far one training step on two devices, from the same weights and batch, left a network apart.</summary>
/// <param name="ReferenceLoss">The loss of the step on the reference device.</param>
/// <param name="OtherLoss">The loss of the step on the other device.</param>
/// <param name="WorstState">The state-dict entry with the largest relative difference after the step.</param>
/// <param name="StateDifference">That difference: <c>‖a − b‖ / ‖a‖</c>, with <c>a</c> the reference device's tensor.</param>
/// <param name="WorstUpdate">The entry whose change during the step differs most between the devices.</param>
/// <param name="UpdateDifference">That difference, <c>‖Δa − Δb‖ / ‖Δa‖</c>: stricter, since a step changes a weight by little.</param>
public sealed record DeviceAgreementResult(double ReferenceLoss, double OtherLoss, string WorstState, double StateDifference, string WorstUpdate, double UpdateDifference);

/// <summary>
/// Runs one SGD step of a network on two devices from the same initial weights (copied through the state dict)
/// and the same batch, and compares every floating-point state-dict tensor (parameters and batch-norm
/// statistics) afterwards: the check that a device computes what the CPU computes. Dropout is off during the
/// step, since each device draws its masks from its own generator.
/// </summary>
public static class DeviceAgreement
{
    /// <summary>Builds the network twice with <paramref name="create"/>, steps it on both devices and compares.</summary>
    public static DeviceAgreementResult Compare(Func<nn.Module<Tensor, Tensor>> create, ImageShape input, int batch, int classes, Device reference, Device other, int seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        using var first = create();
        using var second = create();
        var initial = Floating(first).ToDictionary(e => e.Key, e => e.Value.detach().clone());
        second.load_state_dict(first.state_dict());
        var referenceLoss = Step(first, input, batch, classes, seed, reference);
        var otherLoss = Step(second, input, batch, classes, seed, other);

        var otherState = Floating(second).ToDictionary(e => e.Key, e => e.Value);
        var (worstState, stateDifference, worstUpdate, updateDifference) = (string.Empty, 0.0, string.Empty, 0.0);
        using (NewDisposeScope())
        {
            foreach (var (key, value) in Floating(first))
            {
                var a = value.detach().cpu();
                var b = otherState[key].detach().cpu();
                var state = Relative(a, b);
                if (state > stateDifference || worstState.Length == 0)
                {
                    (worstState, stateDifference) = (key, state);
                }

                var update = Relative(a - initial[key], b - initial[key]);
                if (update > updateDifference || worstUpdate.Length == 0)
                {
                    (worstUpdate, updateDifference) = (key, update);
                }
            }
        }

        foreach (var tensor in initial.Values)
        {
            tensor.Dispose();
        }

        return new DeviceAgreementResult(referenceLoss, otherLoss, worstState, stateDifference, worstUpdate, updateDifference);
    }

    private static double Step(nn.Module<Tensor, Tensor> model, ImageShape input, int batch, int classes, int seed, Device device)
    {
        model.to(device);
        model.train();
        // Dropout draws its masks from each device's own generator, so it is off; batch norm still uses batch statistics.
        foreach (var module in model.modules().Where(m => m.GetType().Name.Contains("Dropout", StringComparison.Ordinal)))
        {
            module.eval();
        }

        using var fixedBatch = FixedBatch.Create(input, batch, classes, seed, device);
        using var optimizer = FixedBatch.Sgd(model, 0.1);
        return fixedBatch.Step(model, optimizer);
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Floating(nn.Module<Tensor, Tensor> model) =>
        model.state_dict().Where(e => e.Value.is_floating_point());

    /// <summary><c>‖a − b‖ / ‖a‖</c>, or <c>‖a − b‖</c> where <c>a</c> is zero.</summary>
    private static double Relative(Tensor a, Tensor b)
    {
        var difference = (a - b).norm().item<float>();
        var scale = a.norm().item<float>();
        return scale > 0 ? difference / scale : difference;
    }
}
