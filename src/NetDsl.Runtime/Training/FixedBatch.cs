using System;
using NetDsl.Runtime.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>
/// One random batch and the plain SGD step on it that <see cref="StepBenchmark"/> times and
/// <see cref="DeviceAgreement"/> runs on two devices: forward, cross-entropy, backward, update.
/// </summary>
internal sealed class FixedBatch : IDisposable
{
    private FixedBatch(Tensor images, Tensor labels)
    {
        Images = images;
        Labels = labels;
    }

    /// <summary>Normal images shaped <c>[batch, C, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>Uniform labels in <c>[0, classes)</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>
    /// Makes the batch from <paramref name="seed"/> with the CPU's generator and moves it to <paramref name="device"/>,
    /// so every device gets the same numbers.
    /// </summary>
    public static FixedBatch Create(ImageShape input, int batch, int classes, int seed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        using var generator = new Generator((ulong)seed);
        var images = randn([batch, input.Channels, input.Height, input.Width], generator: generator);
        var labels = randint(classes, [batch], generator: generator);
        return device.type == DeviceType.CPU ? new FixedBatch(images, labels) : new FixedBatch(Move(images, device), Move(labels, device));
    }

    /// <summary>SGD with momentum 0.9 over <paramref name="model"/>'s parameters, as the PyTorch side of the comparisons uses.</summary>
    public static optim.Optimizer Sgd(nn.Module<Tensor, Tensor> model, double learningRate) =>
        optim.SGD(model.parameters(), learningRate, momentum: 0.9);

    /// <summary>One training step of <paramref name="model"/> (on this batch's device) on this batch; returns the loss.</summary>
    public double Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.forward(Images), Labels);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    private static Tensor Move(Tensor tensor, Device device)
    {
        using (tensor)
        {
            return tensor.to(device);
        }
    }
}
