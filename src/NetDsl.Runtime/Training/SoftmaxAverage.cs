using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>Averages classifiers' predictions the way ensembles and test-time augmentation do: the mean of their softmax outputs.</summary>
internal static class SoftmaxAverage
{
    /// <summary>The log of the mean softmax of <paramref name="logits"/> (each <c>[N, classes]</c>), for top-k and <c>nll_loss</c>.</summary>
    public static Tensor LogMean(IReadOnlyList<Tensor> logits)
    {
        var logProbabilities = new Tensor[logits.Count];
        for (var i = 0; i < logits.Count; i++)
        {
            logProbabilities[i] = nn.functional.log_softmax(logits[i], 1);
        }

        // log(mean of softmax) = logsumexp of the log-softmaxes − log M, without underflow for confident members.
        return torch.logsumexp(torch.stack(logProbabilities), 0) - Math.Log(logits.Count);
    }

    /// <summary>
    /// <paramref name="model"/>'s scores for <paramref name="images"/> (<c>[N, C, H, W]</c>): its logits, or with
    /// <paramref name="flip"/> the log of the mean softmax of each image and its mirror image.
    /// </summary>
    public static Tensor Scores(nn.Module<Tensor, Tensor> model, Tensor images, bool flip) =>
        flip ? LogMean([model.call(images), model.call(images.flip(3))]) : model.call(images);
}
