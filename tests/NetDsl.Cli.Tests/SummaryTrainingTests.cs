using System;
using System.IO;
using System.Linq;
using NetDsl.Cli.Specs;
using NetDsl.Language.Model;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary><c>netdsl summary --freeze/--unfreeze</c> (the Trainable column) and <c>--batch-size</c> (the memory estimate).</summary>
public sealed class SummaryTrainingTests
{
    [Theory]
    [InlineData("LeNet5")]
    [InlineData("CifarResNetA")]
    [InlineData("PreActResNet18")]
    [InlineData("GoogLeNet")]
    [InlineData("InceptionV3")]
    [InlineData("InceptionResNetV1")]
    public void The_tensors_worked_out_from_a_summary_are_the_generated_modules_parameters(string network)
    {
        var summary = ZooSummary(network);
        using var model = (torch.nn.Module)Activator.CreateInstance(typeof(NetDsl.Zoo.ResNet18).Assembly.GetType("NetDsl.Zoo." + network)!, Defaults(network))!;

        var expected = model.named_parameters().Select(p => new ParameterTensor(p.name, p.parameter.numel())).ToList();

        Assert.Equal(expected, ParameterTensors.Of(summary));
    }

    [Fact]
    public void Biased_grouped_wrapped_and_pre_activation_convs_give_the_modules_tensors()
    {
        var summary = SpecSet.Check([Path.Combine(Repository.Root, "tests", "NetDsl.Cli.Tests", "Networks", "tiny_tensors.net.yaml")]).Networks.Single().Summary;
        using var model = new TinyTensors();

        var expected = model.named_parameters().Select(p => new ParameterTensor(p.name, p.parameter.numel())).ToList();

        Assert.Equal(expected, ParameterTensors.Of(summary));
    }

    [Fact]
    public void Freezing_all_but_the_head_marks_every_other_module_untrained()
    {
        var run = Cli.Run("summary", "CifarResNetA", "--freeze", "*", "--unfreeze", "fc.*");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.EndsWith("Trainable", lines[2], StringComparison.Ordinal);
        Assert.Matches(@"^conv1 +Conv2d .* no$", lines.Single(l => l.StartsWith("conv1 ", StringComparison.Ordinal)));
        Assert.Matches(@"^fc +Linear .* yes$", lines.Single(l => l.StartsWith("fc ", StringComparison.Ordinal)));
        Assert.Matches(@"^avgpool .* -$", lines.Single(l => l.StartsWith("avgpool ", StringComparison.Ordinal)));
        Assert.Contains("Trainable: 650 of 269,722 parameters (2 of 59 tensors).", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_with_some_tensors_frozen_is_partly_trained()
    {
        var run = Cli.Run("summary", "CifarResNetA", "--freeze", "layer1.0.bn1.weight", "--format", "markdown");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("| `layer1.0` | BasicBlockA | [16, 32, 32] | 4,672 | 4,718,592 | partly |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| `layer1.0.bn1` | BatchNorm2d | [16, 32, 32] | 32 | 0 | partly |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| `layer1.1` | BasicBlockA | [16, 32, 32] | 4,672 | 4,718,592 | yes |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| **Total** | | [10] | **269,722** | **40,551,040** | **269,706** |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_patterns_there_is_no_trainable_column()
    {
        var run = Cli.Run("summary", "CifarResNetA");

        Assert.DoesNotContain("Trainable", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_a_usage_error_as_in_train()
    {
        var run = Cli.Run("summary", "resnet18", "--freeze", "layer9.*");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("netdsl: error: --freeze: no parameter matches 'layer9.*'. Parameter names look like: conv1.weight, bn1.weight,", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_memory_estimate_counts_parameters_gradients_optimizer_state_and_kept_activations()
    {
        var summary = TinyLinearNet();

        var sgd = StepMemory.Estimate(summary, trainable: 119, batchSize: 10, "sgd", OptimizerSettings.Sgd());
        var adamHead = StepMemory.Estimate(summary, trainable: 99, batchSize: 10, "adam", OptimizerSettings.Adam());

        // 119 parameters (conv 2·9 + 2, linear 32·3 + 3); per image, kept: the input 16, the conv's 32 and the
        // linear's 3 (the flatten is a view), flowing back: twice the largest, 64.
        Assert.Equal((119L * 4, 119L * 4, 119L * 4, 10L * (51 + 64) * 4), (sgd.Parameters, sgd.Gradients, sgd.OptimizerState, sgd.Activations));
        Assert.Equal((119L * 4, 99L * 4, 2 * 99L * 4), (adamHead.Parameters, adamHead.Gradients, adamHead.OptimizerState));
        Assert.Equal(sgd.Parameters + sgd.Gradients + sgd.OptimizerState + sgd.Activations, sgd.Total);
    }

    [Fact]
    public void Batch_size_prints_the_estimate_after_the_table()
    {
        var run = Cli.Run("summary", "resnet50", "--batch-size", "32", "--optimizer", "adam");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var estimate = run.Output[run.Output.IndexOf("One training step", StringComparison.Ordinal)..].Split('\n');
        Assert.Matches(@"^One training step at batch size 32, estimated: [0-9,.]+ MiB$", estimate[0]);
        Assert.Equal("  parameters         97.5 MiB  float32", estimate[1]);
        Assert.Equal("  optimizer state   195.0 MiB  adam: 2 per trainable parameter", estimate[3]);
    }

    [Theory]
    [InlineData("0", "sgd", "--batch-size must be at least 1.")]
    [InlineData("8", "lion", "--optimizer: unknown optimizer 'lion'")]
    public void Bad_estimate_options_are_usage_errors(string batchSize, string optimizer, string message)
    {
        var run = Cli.Run("summary", "resnet18", "--batch-size", batchSize, "--optimizer", optimizer);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private static NetworkSummary ZooSummary(string network)
    {
        var zoo = new ZooSpecs(ZooSpecs.DefaultDirectory);
        return SpecSet.Check([.. zoo.Files], "NetDsl.Zoo").Networks.Single(n => n.Path == zoo.FileOf(network)).Summary;
    }

    /// <summary>The constructor arguments of a zoo class at their defaults (generated constructors have defaults for all).</summary>
    private static object?[] Defaults(string network) =>
        typeof(NetDsl.Zoo.ResNet18).Assembly.GetType("NetDsl.Zoo." + network)!.GetConstructors().Single().GetParameters().Select(p => p.DefaultValue).ToArray();

    private static NetworkSummary TinyLinearNet()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("tiny.net.yaml", "network: TinyLinear\ninput: [1, 4, 4]\nlayers:\n  - conv: { out: 2, k: 3, pad: 1 }\n  - flatten\n  - linear: { out: 3 }\n");
        return SpecSet.Check([spec]).Networks.Single().Summary;
    }
}
