using System;
using System.Linq;
using NetDsl.Cli.Data;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Cli.Tests;

public sealed class InputFitTests
{
    private const float Mean = 0.25f;
    private const float Std = 0.5f;

    [Fact]
    public void Grey_28_is_padded_into_three_channel_32()
    {
        var output = Fit(new ImageShape(1, 28, 28), new ImageShape(3, 32, 32));

        // A white image: the 2-pixel zero border normalises to (0 - mean) / std, the inside to (1 - mean) / std.
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(-0.5f, output[c * 32 * 32], 5);
            Assert.Equal(1.5f, output[(c * 32 * 32) + (16 * 32) + 16], 5);
        }
    }

    [Fact]
    public void Grey_28_is_resized_to_224_without_a_border()
    {
        var output = Fit(new ImageShape(1, 28, 28), new ImageShape(3, 224, 224));

        Assert.Equal(3 * 224 * 224, output.Length);
        Assert.All(output, v => Assert.Equal(1.5f, v, 4));
    }

    [Fact]
    public void Rgb_data_into_a_grey_network_names_both_shapes()
    {
        var e = Assert.Throws<CliException>(() => InputFit.Pipeline(new ImageShape(3, 32, 32), new ImageShape(1, 28, 28), "GreyNet", [Mean, Mean, Mean], [Std, Std, Std], augment: false));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("--model GreyNet takes 1-channel input [1, 28, 28] but the data's images are [3, 32, 32]", e.Message);
    }

    private static float[] Fit(ImageShape data, ImageShape model)
    {
        var pipeline = InputFit.Pipeline(data, model, "Net", [Mean], [Std], augment: false);
        Assert.Equal(model, pipeline.OutputShape);
        var white = Enumerable.Repeat((byte)255, data.Size).ToArray();
        var output = new float[model.Size];
        pipeline.Apply(white, output, new Random(0));
        return output;
    }
}
