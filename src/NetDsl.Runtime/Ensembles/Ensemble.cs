using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Metrics;
using NetDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Ensembles;

/// <summary>
/// Evaluates several trained classifiers alone and together: the ensemble's prediction for an image is the mean of
/// the members' softmax outputs, with equal weights. Members may be different networks (each has its own input
/// transforms); they see the same images in the same order.
/// </summary>
/// <example>
/// <code>
/// var test = MnistFormat.LoadFashionMnist(DataSplit.Test);
/// var plain = new ImagePipeline(test.Shape, new Normalize([MnistFormat.FashionMnistMean], [MnistFormat.FashionMnistStd]));
/// var result = Ensemble.Evaluate([new("seed 1", first, plain), new("seed 2", second, plain)], test);
/// Console.WriteLine($"{result.Ensemble.Summary.Top1Error:P2} against {result.Members.Min(m => m.Result.Summary.Top1Error):P2}");
/// </code>
/// </example>
public static class Ensemble
{
    /// <summary>Evaluates every member, and their mean softmax output, on every image of <paramref name="data"/>.</summary>
    /// <param name="members">The networks (at least one); they are moved to <paramref name="device"/>.</param>
    /// <param name="data">The labelled images.</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="device"><c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    /// <param name="topK">The k of the top-k errors to report; <see cref="TopK.Default"/> when null.</param>
    /// <param name="testTimeFlip">Score each image with its mirror image too, each member averaging its two softmax outputs.</param>
    /// <param name="cancellationToken">Stops the evaluation between batches.</param>
    /// <exception cref="ArgumentException">There are no members, two share a name, or a pipeline does not take the data's images.</exception>
    /// <exception cref="InvalidOperationException">A member's output is not <c>[N, classes]</c> for the data's classes.</exception>
    public static EnsembleResult Evaluate(
        IReadOnlyList<EnsembleMember> members, ImageSet data, int batchSize = 256, string device = "auto", IReadOnlyList<int>? topK = null, bool testTimeFlip = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(data);
        if (members.Count == 0)
        {
            throw new ArgumentException("An ensemble needs at least one member.", nameof(members));
        }

        if (members.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two members are called '{twice.Key}'; give each its own name.", nameof(members));
        }

        var ks = TopK.Normalize(topK ?? TopK.Default);
        var target = DeviceSelection.Resolve(device);
        var classes = data.ClassNames.Count;
        var loaders = members.Select(m => new BatchLoader(data, batchSize, m.Pipeline)).ToList();
        var memberMetrics = members.Select(_ => new ClassificationMetrics(classes)).ToList();
        var ensembleMetrics = new ClassificationMetrics(classes);
        var wasTraining = members.Select(m => m.Model.training).ToList();
        var batches = loaders.Select(l => l.Epoch(0, cancellationToken).GetEnumerator()).ToList();
        try
        {
            foreach (var member in members)
            {
                member.Model.to(target);
                member.Model.eval();
            }

            using var noGrad = torch.no_grad();
            while (MoveAll(batches))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var labels = batches[0].Current.Labels;
                using var labelTensor = torch.tensor(labels, device: target);
                var memberLogits = new List<Tensor>(members.Count);
                for (var i = 0; i < members.Count; i++)
                {
                    var (images, _) = batches[i].Current.ToTensors(target);
                    var logits = SoftmaxAverage.Scores(members[i].Model, images, testTimeFlip);
                    var scores = ModelOutput.Scores(logits, labels.Length, classes, $"Member '{members[i].Name}'");
                    memberMetrics[i].Add(scores, labels, nn.functional.cross_entropy(logits, labelTensor).item<float>());
                    memberLogits.Add(logits);
                }

                var logMean = SoftmaxAverage.LogMean(memberLogits);
                var loss = nn.functional.nll_loss(logMean, labelTensor).item<float>();
                ensembleMetrics.Add(ModelOutput.Scores(logMean, labels.Length, classes, "The ensemble"), labels, loss);
            }
        }
        finally
        {
            foreach (var enumerator in batches)
            {
                enumerator.Dispose();
            }

            for (var i = 0; i < members.Count; i++)
            {
                members[i].Model.train(wasTraining[i]);
            }
        }

        return new EnsembleResult(
            [.. members.Select((m, i) => new MemberResult(m.Name, new EvaluationResult(memberMetrics[i].Summarize(ks), memberMetrics[i].Confusion)))],
            new EvaluationResult(ensembleMetrics.Summarize(ks), ensembleMetrics.Confusion));
    }

    /// <summary>Advances every member's batches; the loaders cut the same images into the same batches, so they end together.</summary>
    private static bool MoveAll(List<IEnumerator<Batch>> batches)
    {
        var more = batches.Select(b => b.MoveNext()).ToList();
        return more[0];
    }
}
