using NetDsl.Runtime.Data;

namespace NetDsl.Samples.Lessons;

/// <summary>What every lesson trains on and how: the same data, schedule and seed for every network it compares.</summary>
/// <param name="Train">The training images (the first ones of Fashion-MNIST's training split).</param>
/// <param name="Test">The test images, evaluated after every epoch and by the ensembles.</param>
/// <param name="Epochs">Epochs per network.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="LearningRate">Peak SGD learning rate: half an epoch of warm-up, then cosine decay.</param>
/// <param name="Output">The folder the lessons write into, one sub-folder per lesson and per run.</param>
/// <param name="Device"><c>auto</c>, <c>cpu</c> or <c>cuda</c>.</param>
internal sealed record LessonSettings(ImageSet Train, ImageSet Test, int Epochs, int BatchSize, double LearningRate, string Output, string Device);
