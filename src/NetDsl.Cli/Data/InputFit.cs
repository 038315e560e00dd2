using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Data;

/// <summary>
/// Fits a data set's images to a network's declared input: grey → RGB when the network wants three channels,
/// zero padding when the network is at most <see cref="MaxPadding"/> pixels larger (28×28 → 32×32), bilinear
/// resizing otherwise; then optional random crops and flips, normalisation, and optional random erasing.
/// </summary>
internal static class InputFit
{
    /// <summary>The most pixels per side added by padding before resizing is used instead.</summary>
    public const int MaxPadding = 4;

    /// <summary>The transforms from <paramref name="data"/> to <paramref name="model"/>'s input.</summary>
    /// <param name="data">The data set's image shape.</param>
    /// <param name="model">The network's input shape.</param>
    /// <param name="modelName">The network's name, for the message.</param>
    /// <param name="mean">Per-channel mean of the data (one entry per data channel).</param>
    /// <param name="std">Per-channel standard deviation of the data.</param>
    /// <param name="augment">Whether to add random crops (padding 1/8 of the side) and horizontal flips.</param>
    /// <param name="erase">The probability of random erasing after normalisation (<see cref="RandomErasing"/>); 0 adds none.</param>
    /// <exception cref="CliException">The channel counts cannot be reconciled.</exception>
    public static ImagePipeline Pipeline(ImageShape data, ImageShape model, string modelName, IReadOnlyList<float> mean, IReadOnlyList<float> std, bool augment, double erase = 0)
    {
        var transforms = new List<IImageTransform>();
        if (data.Channels != model.Channels)
        {
            if (data.Channels != 1 || model.Channels != 3)
            {
                throw new CliException(
                    ExitCodes.Usage,
                    $"--model {modelName} takes {model.Channels}-channel input {model} but the data's images are {data}; only grey images can be fitted to a 3-channel network. Pick a network declared with input: [{data.Channels}, H, W].");
            }

            transforms.Add(new GreyToRgb());
            mean = [.. Enumerable.Repeat(mean[0], 3)];
            std = [.. Enumerable.Repeat(std[0], 3)];
        }

        var padH = model.Height - data.Height;
        var padW = model.Width - data.Width;
        if (padH != 0 || padW != 0)
        {
            transforms.Add(padH is >= 0 and <= 2 * MaxPadding && padW is >= 0 and <= 2 * MaxPadding
                ? new PadTo(model.Height, model.Width)
                : new Resize(model.Height, model.Width));
        }

        if (augment)
        {
            transforms.Add(new RandomCrop(model.Height, model.Width, model.Height / 8));
            transforms.Add(new HorizontalFlip());
        }

        transforms.Add(new Normalize(mean, std));
        if (erase > 0)
        {
            transforms.Add(new RandomErasing(erase));
        }

        return new ImagePipeline(data, transforms);
    }
}
