using System;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks;

/// <summary>One SGD training step of a classifier on a fixed random batch: forward, cross-entropy, backward, step.</summary>
internal sealed class TrainingStep : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _images;
    private readonly Tensor _labels;

    public TrainingStep(nn.Module<Tensor, Tensor> model, int batch, int size, int classes)
    {
        _model = model;
        _model.train();
        _optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        _images = randn(batch, 3, size, size);
        _labels = randint(classes, new long[] { batch });
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

    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
    }
}
