using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

/// <summary>A small CNN for 1×8×8 images, shaped like generated code: submodules in fields, registered by name.</summary>
internal sealed class TinyNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly Dropout dropout;
    private readonly nn.Module<Tensor, Tensor> fc;

    public TinyNet(int classes, double dropout = 0)
        : base(nameof(TinyNet))
    {
        conv = nn.Conv2d(1, 4, 3, padding: 1);
        bn = nn.BatchNorm2d(4);
        this.dropout = nn.Dropout(dropout);
        fc = nn.Linear(4 * 4 * 4, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var x = nn.functional.relu(bn.call(conv.call(input)));
        x = nn.functional.max_pool2d(x, 2).flatten(1);
        return scope.MoveToOuter(fc.call(dropout.call(x)));
    }
}

/// <summary>Wraps a model and returns NaN logits from the given call on, to simulate divergence.</summary>
internal sealed class NaNAfter : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> inner;
    private readonly int _calls;
    private int _count;

    public NaNAfter(nn.Module<Tensor, Tensor> inner, int calls)
        : base(nameof(NaNAfter))
    {
        this.inner = inner;
        _calls = calls;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var output = inner.call(input);
        return training && _count++ >= _calls ? output * double.NaN : output;
    }
}
