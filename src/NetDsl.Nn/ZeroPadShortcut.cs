using System;
using static TorchSharp.torch;

namespace NetDsl.Nn;

/// <summary>
/// The parameter-free residual shortcut of He et al. 2015 (option A, §4.2): subsample with
/// <c>x[:, :, ::strideH, ::strideW]</c>, then append zero channels up to <c>outChannels</c>.
/// </summary>
public sealed class ZeroPadShortcut : nn.Module<Tensor, Tensor>
{
    private readonly long inChannels;
    private readonly long outChannels;
    private readonly (long H, long W) stride;

    /// <summary>Creates the shortcut from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels; at least <paramref name="inChannels"/>.</param>
    /// <param name="stride">Spatial subsampling step in both dimensions; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public ZeroPadShortcut(long inChannels, long outChannels, long stride)
        : this(inChannels, outChannels, (stride, stride))
    {
    }

    /// <summary>Creates the shortcut with a step of its own for height and width.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels; at least <paramref name="inChannels"/>.</param>
    /// <param name="stride">Spatial subsampling steps (height, width); each at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public ZeroPadShortcut(long inChannels, long outChannels, (long H, long W) stride)
        : base(nameof(ZeroPadShortcut))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, inChannels);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride.H, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride.W, 1);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.stride = stride;
    }

    /// <summary>Subsamples <paramref name="x"/> ([N, inChannels, H, W]) and pads its channels with zeros.</summary>
    /// <param name="x">The input batch.</param>
    /// <returns>[N, outChannels, ceil(H / strideH), ceil(W / strideW)].</returns>
    public override Tensor forward(Tensor x)
    {
        InputCheck.ExpectChannels(x, nameof(ZeroPadShortcut), inChannels);
        if (stride == (1, 1) && outChannels == inChannels)
        {
            return x;
        }

        long[] channelPadding = [0, 0, 0, 0, 0, outChannels - inChannels];
        if (stride == (1, 1))
        {
            return nn.functional.pad(x, channelPadding);
        }

        using var subsampled = x[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(step: stride.H), TensorIndex.Slice(step: stride.W)];
        return nn.functional.pad(subsampled, channelPadding);
    }
}
