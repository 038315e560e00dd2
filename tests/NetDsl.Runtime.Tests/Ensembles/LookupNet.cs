using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Ensembles;

/// <summary>
/// A "network" whose logits for image i are row i of a fixed table: image i's brightest pixel is i / 255 (the
/// loader scales pixels to [0, 1]), so any padding around it leaves the lookup alone.
/// </summary>
internal sealed class LookupNet : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _table;

    /// <summary>The logits are the natural logarithms of <paramref name="probabilities"/>, so their softmax is exactly those probabilities.</summary>
    public LookupNet(float[,] probabilities)
        : base(nameof(LookupNet))
    {
        _table = torch.tensor(probabilities).log();
    }

    public override Tensor forward(Tensor input)
    {
        var index = (input.flatten(1).amax(1) * 255).round().to(ScalarType.Int64);
        return _table.index_select(0, index);
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
