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

    private static string Python(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
