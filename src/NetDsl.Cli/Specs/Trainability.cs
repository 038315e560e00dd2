using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Runtime.Transfer;

namespace NetDsl.Cli.Specs;

/// <summary>
/// Which parameter tensors <c>netdsl train --freeze … --unfreeze …</c> would train: every tensor, less those matching
/// a freeze pattern, plus those matching an unfreeze pattern (the order <c>train</c> applies them in, with the same
/// patterns, <see cref="NamePattern"/>).
/// </summary>
internal sealed class Trainability
{
    private readonly IReadOnlyList<ParameterTensor> _tensors;
    private readonly HashSet<string> _trainable;

    private Trainability(IReadOnlyList<ParameterTensor> tensors, HashSet<string> trainable)
    {
        _tensors = tensors;
        _trainable = trainable;
    }

    /// <summary>Parameters that would be trained.</summary>
    public long TrainableParameters => _tensors.Where(t => _trainable.Contains(t.Name)).Sum(t => t.Count);

    /// <summary>Parameter tensors that would be trained.</summary>
    public int TrainableTensors => _trainable.Count;

    /// <summary>All parameter tensors.</summary>
    public int Tensors => _tensors.Count;

    /// <summary>Applies <paramref name="freeze"/>, then <paramref name="unfreeze"/>, to <paramref name="tensors"/>.</summary>
    /// <exception cref="CliException">A pattern matches no tensor (almost always a typo), as <c>train</c> refuses it.</exception>
    public static Trainability Apply(IReadOnlyList<ParameterTensor> tensors, IReadOnlyList<string> freeze, IReadOnlyList<string> unfreeze)
    {
        var trainable = tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (option, patterns, value) in new[] { ("--freeze", freeze, false), ("--unfreeze", unfreeze, true) })
        {
            foreach (var pattern in patterns)
            {
                var matched = tensors.Where(t => NamePattern.Matches(pattern, t.Name)).ToList();
                if (matched.Count == 0)
                {
                    throw new CliException(ExitCodes.Usage, $"{option}: no parameter matches '{pattern}'. Parameter names look like: {string.Join(", ", tensors.Take(5).Select(t => t.Name))}.");
                }

                foreach (var tensor in matched)
                {
                    _ = value ? trainable.Add(tensor.Name) : trainable.Remove(tensor.Name);
                }
            }
        }

        return new Trainability(tensors, trainable);
    }

    /// <summary><c>yes</c>, <c>no</c> or <c>partly</c> for a module with parameters; <c>-</c> for one without.</summary>
    public string Of(LayerSummary row)
    {
        var own = _tensors.Where(t => t.Name.StartsWith(row.Path + ".", StringComparison.Ordinal)).ToList();
        if (own.Count == 0)
        {
            return "-";
        }

        var trained = own.Count(t => _trainable.Contains(t.Name));
        return trained == own.Count ? "yes" : trained == 0 ? "no" : "partly";
    }
}
