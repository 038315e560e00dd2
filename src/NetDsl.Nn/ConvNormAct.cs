using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetDsl.Nn;

/// <summary>
/// Convolution, then batch normalisation, then an activation: torchvision's <c>BasicConv2d</c>, timm's
/// <c>ConvNormAct</c>. The children are <c>conv</c> and <c>bn</c>, so the state-dict keys are
/// <c>conv.weight</c>, <c>bn.weight</c>, <c>bn.bias</c>, <c>bn.running_mean</c>, <c>bn.running_var</c> and
/// <c>bn.num_batches_tracked</c> (plus <c>conv.bias</c> when <c>bias</c> is set).
/// </summary>
public sealed class ConvNormAct : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly Activation activation;

    /// <summary>Creates the convolution over <paramref name="inChannels"/> and the batch norm over <paramref name="outChannels"/>.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels (and batch-norm features).</param>
    /// <param name="kernelSize">Kernel height and width.</param>
    /// <param name="stride">Stride (height, width); 1 when null.</param>
    /// <param name="padding">Zero padding per side (height, width); 0 when null.</param>
    /// <param name="dilation">Dilation (height, width); 1 when null.</param>
    /// <param name="groups">Convolution groups.</param>
    /// <param name="bias">Whether the convolution has a bias (usually not: the batch norm has one).</param>
    /// <param name="eps">Batch-norm epsilon.</param>
    /// <param name="momentum">Batch-norm running-statistics momentum.</param>
    /// <param name="activation">The activation after the batch norm.</param>
    public ConvNormAct(long inChannels, long outChannels, (long, long) kernelSize, (long, long)? stride = null,
        (long, long)? padding = null, (long, long)? dilation = null, long groups = 1, bool bias = false,
        double eps = 1e-5, double momentum = 0.1, Activation activation = Activation.ReLU)
        : base(nameof(ConvNormAct))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride ?? (1, 1), padding ?? (0, 0), dilation ?? (1, 1),
            groups: groups, bias: bias);
        bn = nn.BatchNorm2d(outChannels, eps, momentum);
        this.activation = activation;
        RegisterComponents();
    }

    /// <summary>Applies convolution, batch norm and the activation to <paramref name="x"/> ([N, C, H, W]).</summary>
    /// <param name="x">The input batch.</param>
    /// <returns>The output batch, [N, outChannels, H', W'].</returns>
    public override Tensor forward(Tensor x)
    {
        using var convolved = conv.forward(x);
        var normalised = bn.forward(convolved);
        if (activation == Activation.None)
        {
            return normalised;
        }

        using (normalised)
        {
            return Activations.Apply(normalised, activation);
        }
    }
}
