using System;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Data;

/// <summary>One mini-batch on the CPU, ready to become tensors.</summary>
/// <param name="Images">The images, <c>[Count, C, H, W]</c> flattened.</param>
/// <param name="Labels">One label per image.</param>
/// <param name="Shape">The shape of one image.</param>
/// <param name="Index">The batch's position within its epoch.</param>
public sealed record Batch(float[] Images, long[] Labels, ImageShape Shape, int Index)
{
    /// <summary>Number of images in the batch (the last batch of an epoch may be short).</summary>
    public int Count => Labels.Length;

    /// <summary>The images as a float tensor <c>[Count, C, H, W]</c> and the labels as an int64 tensor, on <paramref name="device"/>.</summary>
    /// <remarks>
    /// On the CPU the images are stored channels-last (NHWC strides under the NCHW shape), the layout PyTorch's
    /// <c>channels_last</c> makes: libtorch's oneDNN convolutions then run their NHWC kernels, and every later
    /// activation keeps that layout, instead of converting each convolution's input, output and gradients to a
    /// blocked layout and back, which cost a quarter to a third of a FashionResNet training step (docs/performance.md).
    /// </remarks>
    public (Tensor Images, Tensor Labels) ToTensors(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var images = torch.tensor(Images, [Count, Shape.Channels, Shape.Height, Shape.Width]);
        var labels = torch.tensor(Labels);
        return device.type == DeviceType.CPU ? (ChannelsLast(images), labels) : (images.to(device), labels.to(device));
    }

    /// <summary>
    /// The same values with NHWC strides. <c>permute(0, 3, 1, 2)</c> of an NHWC copy alone does not do it with one
    /// channel, where both layouts are one memory order and libtorch keeps the NCHW strides, so the strides are set.
    /// </summary>
    private Tensor ChannelsLast(Tensor images)
    {
        using var nhwc = images.permute(0, 2, 3, 1).contiguous();
        using (images)
        {
            long channels = Shape.Channels, width = Shape.Width;
            return nhwc.as_strided([Count, channels, Shape.Height, width], [Shape.Height * width * channels, 1, width * channels, channels]);
        }
    }
}
