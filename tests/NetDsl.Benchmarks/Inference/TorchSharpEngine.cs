using System.Diagnostics;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks.Inference;

/// <summary>The generated TorchSharp module in eval mode, under no_grad, each forward in a dispose scope.</summary>
internal sealed class TorchSharpEngine : IInferenceEngine
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Tensor _images;

    public TorchSharpEngine(nn.Module<Tensor, Tensor> model, long[] batchShape)
    {
        _model = model;
        _model.eval();
        _images = randn(batchShape);
    }

    public string Name => "TorchSharp eval";

    public double Run()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        _model.forward(_images);
        return watch.Elapsed.TotalMilliseconds;
    }

    public void Dispose() => _images.Dispose();
}
