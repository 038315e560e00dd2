using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Nn;

/// <summary>
/// Pre-activation order (He et al. 2016, "Identity Mappings in Deep Residual Networks"): batch normalisation over
/// the input channels, then an activation, then the convolution. The children are <c>bn</c> and <c>conv</c>.
/// </summary>
public sealed class NormActConv : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn;
    private readonly Conv2d conv;
    private readonly Activation activation;

    /// <summary>Creates the batch norm over <paramref name="inChannels"/> and the convolution to <paramref name="outChannels"/>.</summary>
    /// <param name="inChannels">Input channels (and batch-norm features).</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel height and width.</param>
    /// <param name="stride">Stride (height, width); 1 when null.</param>
    /// <param name="padding">Zero padding per side (height, width); 0 when null.</param>
    /// <param name="dilation">Dilation (height, width); 1 when null.</param>
    /// <param name="groups">Convolution groups.</param>
    /// <param name="bias">Whether the convolution has a bias.</param>
    /// <param name="eps">Batch-norm epsilon.</param>
    /// <param name="momentum">Batch-norm running-statistics momentum.</param>
    /// <param name="activation">The activation between the batch norm and the convolution.</param>
    public NormActConv(long inChannels, long outChannels, (long, long) kernelSize, (long, long)? stride = null,
        (long, long)? padding = null, (long, long)? dilation = null, long groups = 1, bool bias = false,
        double eps = 1e-5, double momentum = 0.1, Activation activation = Activation.ReLU)
        : base(nameof(NormActConv))
    {
        bn = nn.BatchNorm2d(inChannels, eps, momentum);
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride ?? (1, 1), padding ?? (0, 0), dilation ?? (1, 1),
            groups: groups, bias: bias);
        this.activation = activation;
        RegisterComponents();
    }

    /// <summary>Applies batch norm, the activation and the convolution to <paramref name="x"/> ([N, C, H, W]).</summary>
    /// <param name="x">The input batch.</param>
    /// <returns>The output batch, [N, outChannels, H', W'].</returns>
    public override Tensor forward(Tensor x)
    {
        using var normalised = bn.forward(x);
        if (activation == Activation.None)
        {
            return conv.forward(normalised);
        }

        using var activated = Activations.Apply(normalised, activation);
        return conv.forward(activated);
    }
}
