using System;
using System.IO;
using System.Linq;
using NetDsl.Cli.Data;
using NetDsl.Runtime.Data;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Cli.Tests.Export;

public sealed class FitTests
{
    /// <summary>
    /// train.py fits images to the network bit for bit as netdsl train does: Fashion-MNIST's 28×28 grey images to
    /// ResNet-18's [3, 224, 224] are repeated into three channels, resized bilinearly and normalised.
    /// </summary>
    [DebianTorchFact]
    public void The_trainer_fits_the_images_exactly_as_netdsl_train_does()
    {
        using var dir = new TempDirectory();
        Assert.Equal(ExitCodes.Success, Cli.Run("export", "ResNet18", "--to", "pytorch", "--out", dir.File("export")).ExitCode);
        var (data, model) = (new ImageShape(1, 28, 28), new ImageShape(3, 224, 224));
        var pixels = new byte[3 * data.Size];
        new Random(4).NextBytes(pixels);
        File.WriteAllBytes(dir.File("pixels.bin"), pixels);
        var (mean, std) = DataSource.Published["fashion-mnist"];

        var script = string.Join('\n',
            "import sys, numpy as np",
            $"sys.path.insert(0, {Python(dir.File("export"))})",
            "import train",
            "fit = train.Fit((1, 28, 28), train.DATA_STATISTICS['fashion-mnist'][0], train.DATA_STATISTICS['fashion-mnist'][1])",
            $"images = np.fromfile({Python(dir.File("pixels.bin"))}, np.uint8).reshape(3, 1, 28, 28)",
            $"fit(images).astype(np.float32).tofile({Python(dir.File("fitted.bin"))})");
        var (exitCode, _, error) = ChildProcess.Run(DebianTorch.Python, ["-c", script]);

        Assert.True(exitCode == 0, error);
        var pipeline = InputFit.Pipeline(data, model, "ResNet18", mean, std, augment: false);
        var expected = new float[3 * model.Size];
        for (var i = 0; i < 3; i++)
        {
            pipeline.Apply(pixels.AsSpan(i * data.Size, data.Size), expected.AsSpan(i * model.Size, model.Size), new Random(0));
        }

        var actual = File.ReadAllBytes(dir.File("fitted.bin"));
        var mismatches = Enumerable.Range(0, expected.Length).Count(i => BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.ToInt32(actual, 4 * i));
        Assert.Equal(expected.Length * 4, actual.Length);
        Assert.Equal(0, mismatches);
    }

    /// <summary>
    /// train.py's --erase draws the rectangles netdsl train's RandomErasing does: with probability 1, every normalised
    /// image of a white 32×32 set (LeNet-5's input) gets one rectangle of zeros, 2–40 % of the image (within rounding), its
    /// height-to-width ratio within [0.3, 1 / 0.3], and nothing else changes; netdsl's pipeline gives the same.
    /// </summary>
    [DebianTorchFact]
    public void The_trainer_erases_rectangles_as_netdsl_train_does()
    {
        const int Count = 40;
        using var dir = new TempDirectory();
        Assert.Equal(ExitCodes.Success, Cli.Run("export", "LeNet5", "--to", "pytorch", "--out", dir.File("export")).ExitCode);
        var shape = new ImageShape(1, 32, 32);
        var (mean, std) = DataSource.Published["fashion-mnist"];
        var script = string.Join('\n',
            "import sys, numpy as np",
            $"sys.path.insert(0, {Python(dir.File("export"))})",
            "import train",
            "fit = train.Fit((1, 32, 32), train.DATA_STATISTICS['fashion-mnist'][0], train.DATA_STATISTICS['fashion-mnist'][1], erase=1.0)",
            $"images = np.full(({Count}, 1, 32, 32), 255, np.uint8)",
            $"fit(images, [np.random.default_rng([0, 0, i]) for i in range({Count})]).astype(np.float32).tofile({Python(dir.File("erased.bin"))})");
        var (exitCode, _, error) = ChildProcess.Run(DebianTorch.Python, ["-c", script]);

        Assert.True(exitCode == 0, error);
        var bytes = File.ReadAllBytes(dir.File("erased.bin"));
        Assert.Equal(Count * shape.Size * 4, bytes.Length);
        var white = (1 - mean[0]) / std[0];
        var pipeline = InputFit.Pipeline(shape, shape, "LeNet5", mean, std, augment: false, erase: 1);
        var random = new Random(1);
        for (var i = 0; i < Count; i++)
        {
            var fromPython = Enumerable.Range(0, shape.Size).Select(p => BitConverter.ToSingle(bytes, 4 * ((i * shape.Size) + p))).ToArray();
            var fromDotNet = new float[shape.Size];
            pipeline.Apply(Enumerable.Repeat((byte)255, shape.Size).ToArray(), fromDotNet, random);
            AssertOneErasedRectangle(fromPython, white, $"train.py image {i}");
            AssertOneErasedRectangle(fromDotNet, white, $"netdsl image {i}");
        }
    }

    private static void AssertOneErasedRectangle(float[] image, float white, string name)
    {
        const int Side = 32;
        var zeros = Enumerable.Range(0, image.Length).Where(p => image[p] == 0).ToList();
        Assert.True(zeros.Count > 0, $"{name} has no erased pixel");
        Assert.All(Enumerable.Range(0, image.Length).Except(zeros), p => Assert.Equal(white, image[p]));
        var (top, bottom) = (zeros.Min(p => p / Side), zeros.Max(p => p / Side));
        var (left, right) = (zeros.Min(p => p % Side), zeros.Max(p => p % Side));
        var (height, width) = (bottom - top + 1, right - left + 1);
        Assert.True(height * width == zeros.Count, $"{name}: the erased pixels are not one rectangle");
        Assert.InRange(height * width, 0.02 * 0.8 * Side * Side, 0.4 * 1.2 * Side * Side);
        Assert.InRange((double)height / width, 0.3 * 0.7, 1 / (0.3 * 0.7));
        Assert.True(height < Side && width < Side, $"{name}: the rectangle is {height}×{width}");
    }

    private static string Python(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
