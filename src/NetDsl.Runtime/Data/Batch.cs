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
    public (Tensor Images, Tensor Labels) ToTensors(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var images = torch.tensor(Images, [Count, Shape.Channels, Shape.Height, Shape.Width]);
        var labels = torch.tensor(Labels);
        return device.type == DeviceType.CPU ? (images, labels) : (images.to(device), labels.to(device));
    }
}
