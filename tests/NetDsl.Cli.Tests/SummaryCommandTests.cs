using System.Linq;
using Xunit;

namespace NetDsl.Cli.Tests;

public sealed class SummaryCommandTests
{
    [Theory]
    [InlineData("resnet18", "11,689,512")]
    [InlineData("resnet34", "21,797,672")]
    [InlineData("resnet50", "25,557,032")]
    [InlineData("resnet101", "44,549,160")]
    [InlineData("resnet152", "60,192,808")]
    [InlineData("InceptionV4", "42,679,816")]
    [InlineData("InceptionResNetV2", "55,843,464")]
    [InlineData("PreActResNet164", "1,703,258")]
    [InlineData("CifarResNetA", "269,722")]
    [InlineData("CifarResNetB", "272,474")]
    public void Zoo_totals_equal_the_reference_parameter_counts(string model, string parameters)
    {
        var run = Cli.Run("summary", model);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var total = run.Output.Split('\n').Single(l => l.StartsWith("Total", System.StringComparison.Ordinal));
        Assert.Contains(" " + parameters + " ", total);
    }

    [Fact]
    public void Markdown_is_stable_and_ends_with_the_totals()
    {
        var first = Cli.Run("summary", "resnet50", "--format", "markdown");
        var second = Cli.Run("summary", "ResNet50", "--format", "markdown");

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        var lines = first.Output.Split('\n');
        Assert.Equal("**ResNet50: input [3, 224, 224], output [1000], 25,557,032 parameters, 4,089,184,256 multiply-adds**", lines[0]);
        Assert.Equal("| Layer | Kind | Output | Parameters | Multiply-adds |", lines[2]);
        Assert.Equal("| `conv1` | Conv2d | [64, 112, 112] | 9,408 | 118,013,952 |", lines[4]);
        Assert.Equal("| **Total** | | [1000] | **25,557,032** | **4,089,184,256** |", lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public void A_spec_file_uses_the_blocks_of_the_files_given_with_blocks()
    {
        using var dir = new TempDirectory();
        var library = dir.Write("lib.net.yaml", "blocks:\n  Pair:\n    layers:\n      - conv: { out: 4, k: 3, pad: 1 }\n      - relu\n");
        var network = dir.Write("net.net.yaml", "network: Uses\ninput: [1, 8, 8]\nlayers:\n  - Pair\n  - flatten\n  - linear: { out: 10 }\n");

        var run = Cli.Run("summary", network, "--blocks", library);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("Uses: input [1, 8, 8], output [10], 2,610 parameters", run.Output);
    }

    [Fact]
    public void A_spec_with_errors_prints_them_and_exits_one()
    {
        using var dir = new TempDirectory();
        var network = dir.Write("net.net.yaml", "network: Uses\ninput: [1, 8, 8]\nlayers:\n  - Pair\n");

        var run = Cli.Run("summary", network);

        Assert.Equal(ExitCodes.SpecErrors, run.ExitCode);
        Assert.Contains(network + "(4,5): error ND0022", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void A_block_library_has_no_summary()
    {
        using var dir = new TempDirectory();
        var library = dir.Write("lib.net.yaml", "blocks:\n  Pair:\n    layers:\n      - relu\n");

        var run = Cli.Run("summary", library);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("declares no network", run.Error);
    }

    [Fact]
    public void An_unknown_zoo_name_lists_the_zoo_and_suggests_the_nearest()
    {
        var run = Cli.Run("summary", "resnt50");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Did you mean 'ResNet50'?", run.Error);
        Assert.Contains("Zoo models: AlexNet, CifarResNetA, CifarResNetB, GoogLeNet, InceptionResNetV1, InceptionResNetV2, InceptionV3, InceptionV4, LeNet5, PreActResNet164, PreActResNet18, ResNet101, ResNet152, ResNet18, ResNet34, ResNet50, VGG16, VGG19.", run.Error);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var run = Cli.Run("summary", "resnet18", "--format", "html");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("html", run.Error);
    }

    [Theory]
    [InlineData("CifarResNetA", "56", "853,018")]
    [InlineData("CifarResNetB", "110", "1,730,714")]
    public void Set_replaces_a_parameters_default(string model, string depth, string parameters)
    {
        var run = Cli.Run("summary", model, "--set", "depth=" + depth, "classes=10");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith(model + ": input [3, 32, 32], output [10], " + parameters + " parameters", run.Output);
    }

    [Theory]
    [InlineData("width=2", "network 'CifarResNetA' has no parameter 'width'; its parameters are depth, classes.")]
    [InlineData("depth", "'depth' is not name=value")]
    [InlineData("depth=deep", "'deep' is not a non-negative number")]
    [InlineData("depth=20.5", "'depth' of network 'CifarResNetA' is an int")]
    public void A_bad_set_is_a_usage_error_that_names_it(string pair, string message)
    {
        var run = Cli.Run("summary", "CifarResNetA", "--set", pair);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void Input_prints_the_table_for_another_accepted_size()
    {
        var run = Cli.Run("summary", "resnet152", "--input", "3,32,32", "--set", "classes=10");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("ResNet152: input [3, 32, 32], output [10], 58,164,298 parameters", run.Output);
        Assert.Matches(@"\nlayer4 +Sequential +\[2048, 1, 1\]", run.Output);
    }

    [Theory]
    [InlineData("3,16,16", "network 'ResNet18' accepts inputs [3, 32.., 32..], not [3, 16, 16]")]
    [InlineData("1,224,224", "accepts inputs [3, 32.., 32..], not [1, 224, 224]")]
    [InlineData("3,32", "'3,32' is not C,H,W")]
    public void An_input_the_network_does_not_accept_is_a_usage_error(string input, string message)
    {
        var run = Cli.Run("summary", "resnet18", "--input", input);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
    }
}
