using System;
using System.Diagnostics;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks;

/// <summary>
/// One SGD training step (momentum 0.9, optionally Nesterov) of a classifier on a fixed random batch: forward,
/// cross-entropy, backward, step. With <c>channelsLast</c> the batch is NCHW with NHWC strides (TorchSharp 0.107 has no
/// memory-format argument; a permuted view is the same tensor libtorch makes for channels_last), so libtorch's
/// oneDNN convolutions take their NHWC kernels and every later activation stays in that layout.
/// </summary>
internal sealed class TrainingStep : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _images;
    private readonly Tensor _labels;

    public TrainingStep(nn.Module<Tensor, Tensor> model, long[] batchShape, int classes, bool nesterov = false, bool channelsLast = false)
    {
        _model = model;
        _model.train();
        _optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9, nesterov: nesterov);
        _images = channelsLast
            ? randn(batchShape[0], batchShape[2], batchShape[3], batchShape[1]).permute(0, 3, 1, 2)
            : randn(batchShape);
        _labels = randint(classes, new[] { batchShape[0] });
    }

    /// <summary>Runs one step inside a dispose scope, so every temporary tensor is freed when it ends.</summary>
    public void Run()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        using var loss = nn.functional.cross_entropy(_model.forward(_images), _labels);
        loss.backward();
        _optimizer.step();
    }

    /// <summary>Runs one step like <see cref="Run"/> and returns the milliseconds of its three phases.</summary>
    public (double Forward, double Backward, double Update) RunPhases()
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        _optimizer.zero_grad();
        using var loss = nn.functional.cross_entropy(_model.forward(_images), _labels);
        var forward = watch.Elapsed.TotalMilliseconds;
        loss.backward();
        var backward = watch.Elapsed.TotalMilliseconds;
        _optimizer.step();
        var update = watch.Elapsed.TotalMilliseconds;
        return (forward, backward - forward, update - backward);
    }

    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
    }
}
