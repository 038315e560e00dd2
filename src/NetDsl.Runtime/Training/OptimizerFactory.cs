using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>Builds TorchSharp optimizers from <see cref="OptimizerSettings"/> and <see cref="ParameterGroup"/>s.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// Creates the optimizer over the trainable (<c>requires_grad</c>) parameters of <paramref name="model"/>: one
    /// TorchSharp parameter group per <see cref="ParameterGroup"/> that matches something, then the default group.
    /// Frozen parameters are left out, so weight decay cannot move them either.
    /// </summary>
    /// <returns>The optimizer and each of its groups' base learning rate, in group order.</returns>
    public static (OptimizerHelper Optimizer, double[] BaseLearningRates) Create(
        nn.Module model, OptimizerSettings settings, IReadOnlyList<ParameterGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(groups);
        var members = new List<Parameter>[groups.Count + 1];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = [];
        }

        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad)
            {
                continue;
            }

            var index = 0;
            while (index < groups.Count && !NamePattern.Matches(groups[index].Pattern, name))
            {
                index++;
            }

            members[index].Add(parameter);
        }

        var used = Enumerable.Range(0, members.Length).Where(i => members[i].Count > 0).ToArray();
        if (used.Length == 0)
        {
            throw new InvalidOperationException("The model has no trainable parameters: every parameter is frozen.");
        }

        var rates = used.Select(i => settings.LearningRate * (i < groups.Count ? groups[i].LearningRateScale : 1)).ToArray();
        var decays = used.Select(i => (i < groups.Count ? groups[i].WeightDecay : null) ?? settings.WeightDecay).ToArray();
        var s = settings;
        OptimizerHelper optimizer = s.Kind switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(
                used.Select((g, k) => new SGD.ParamGroup(members[g], rates[k], s.Momentum, 0, decays[k], s.Nesterov)),
                s.LearningRate, s.Momentum, 0, s.WeightDecay, s.Nesterov),
            OptimizerKind.Adam => torch.optim.Adam(
                used.Select((g, k) => new Adam.ParamGroup(members[g], rates[k], s.Beta1, s.Beta2, s.Epsilon, decays[k])),
                s.LearningRate, s.Beta1, s.Beta2, s.Epsilon, s.WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(
                used.Select((g, k) => new AdamW.ParamGroup(members[g], rates[k], s.Beta1, s.Beta2, s.Epsilon, decays[k])),
                s.LearningRate, s.Beta1, s.Beta2, s.Epsilon, s.WeightDecay),
            OptimizerKind.RmsProp => torch.optim.RMSProp(
                used.Select((g, k) => new RMSProp.ParamGroup(members[g], rates[k], s.Epsilon, s.Alpha, decays[k], s.Momentum)),
                s.LearningRate, s.Alpha, s.Epsilon, s.WeightDecay, s.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), s.Kind, "Unknown optimizer."),
        };
        return (optimizer, rates);
    }
}
