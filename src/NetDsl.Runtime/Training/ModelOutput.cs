using System;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>Checks a classifier's output and copies it to the CPU for <see cref="Metrics.ClassificationMetrics"/>.</summary>
internal static class ModelOutput
{
    /// <summary>The rows of <paramref name="scores"/> as floats, once it is checked to be <c>[count, classes]</c>.</summary>
    /// <exception cref="InvalidOperationException">The output has another shape.</exception>
    public static float[] Scores(Tensor scores, int count, int classes, string source)
    {
        if (scores.dim() != 2 || scores.shape[0] != count || scores.shape[1] != classes)
        {
            throw new InvalidOperationException(
                $"{source} returned [{string.Join(", ", scores.shape)}] but a classifier for this data must return [{count}, {classes}].");
        }

        return scores.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
    }
}
