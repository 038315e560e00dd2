using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

/// <summary>Logits for a 1×W image are row <c>left pixel × 255</c> of a table of log-probabilities, times a trainable scale of 1.</summary>
internal sealed class LeftPixelNet : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _table;
    private readonly Parameter scale;

    public LeftPixelNet(float[,] probabilities)
        : base(nameof(LeftPixelNet))
    {
        _table = torch.tensor(probabilities).log();
        scale = new Parameter(torch.ones(1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var index = (input[.., 0, 0, 0] * 255).round().to(ScalarType.Int64);
        return _table.index_select(0, index) * scale;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _table.Dispose();
        }

        base.Dispose(disposing);
    }
}
