using System;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Prediction;

/// <summary>A trained network that turns a batch of fitted, normalised images into class probabilities.</summary>
internal interface IImageClassifier : IDisposable
{
    /// <summary>The network's name for messages: a class name, or the ONNX file.</summary>
    string Name { get; }

    /// <summary>The input <c>[C, H, W]</c> the network takes.</summary>
    ImageShape Input { get; }

    /// <summary>The most images one call may classify; null for any number.</summary>
    int? BatchLimit { get; }

    /// <summary>The number of classes when the network states it before it runs; null when only its output tells.</summary>
    int? Classes { get; }

    /// <summary>The softmax probabilities of <paramref name="count"/> images (<c>[count, C, H, W]</c> flattened), one row per image.</summary>
    /// <exception cref="CliException">The network's output is not <c>[count, classes]</c>, or running it failed.</exception>
    float[][] Probabilities(float[] images, int count);
}
