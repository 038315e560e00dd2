using System.IO;
using System.Linq;
using System.Xml.Linq;
using NetDsl.Cli.Specs;
using NetDsl.Language.Backends.Diagram;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Cli.Tests.Diagrams;

public sealed class DiagramCommandTests
{
    [Theory]
    [InlineData("ResNet18", "svg")]
    [InlineData("ResNet18", "mermaid")]
    [InlineData("InceptionV4", "svg")]
    [InlineData("InceptionV4", "mermaid")]
    public void Diagrams_match_their_baselines(string model, string format)
    {
        var run = Cli.Run("diagram", model, "--format", format);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Snapshot.Verify(model, run.Output, format == "svg" ? ".svg" : ".md");
    }

    [Fact]
    public void The_same_network_always_gives_the_same_text_and_the_file_holds_what_is_printed()
    {
        using var dir = new TempDirectory();
        var printed = Cli.Run("diagram", "inceptionresnetv2");
        var written = Cli.Run("diagram", "InceptionResNetV2", "--out", dir.File("net.svg"));

        Assert.Equal(ExitCodes.Success, written.ExitCode);
        Assert.Equal(string.Empty, written.Output);
        Assert.Equal(printed.Output, File.ReadAllText(dir.File("net.svg")));
        Assert.Equal(printed.Output, Cli.Run("diagram", "inceptionresnetv2").Output);
    }

    [Fact]
    public void An_out_file_ending_in_md_gets_mermaid()
    {
        using var dir = new TempDirectory();

        var run = Cli.Run("diagram", "resnet50", "--out", dir.File("resnet50.md"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(Cli.Run("diagram", "resnet50", "--format", "mermaid").Output, File.ReadAllText(dir.File("resnet50.md")));
    }

    [Fact]
    public void Identical_blocks_are_drawn_once_with_their_count_and_expand_opens_them()
    {
        var collapsed = Cli.Run("diagram", "InceptionV4", "--format", "mermaid").Output;
        var expanded = Cli.Run("diagram", "InceptionV4", "--format", "mermaid", "--expand").Output;

        Assert.Contains("InceptionB ×7 · features.11–17", collapsed);
        Assert.Single(Lines(collapsed, "subgraph", "InceptionB"));
        Assert.DoesNotContain(" ×", expanded);
        Assert.Equal(Enumerable.Range(11, 7).Select(i => $"InceptionB · features.{i}"), Lines(expanded, "subgraph", "InceptionB").Select(l => l.Split('"')[1]));
    }

    [Fact]
    public void Residual_skips_go_around_their_bodies_through_the_projection_where_there_is_one()
    {
        var text = Cli.Run("diagram", "resnet18", "--format", "mermaid").Output;

        // Seven additions (layer1's two blocks drawn once); layer2.0, 3.0 and 4.0 project on their skip (a 1×1
        // conv with stride 2 and its norm: one dotted edge into it, one out), the others add their input.
        Assert.Contains("[\"conv 1×1 /2 · bn<br/>128×28×28\"]", text);
        Assert.Equal(7, Lines(text, "([\"add · relu").Count);
        Assert.Equal(7 + 3, Lines(text, "-.->").Count);
    }

    [Fact]
    public void Every_zoo_network_draws_as_well_formed_svg_whose_boxes_carry_the_summary_shapes()
    {
        var zoo = new ZooSpecs(ZooSpecs.DefaultDirectory);
        var set = SpecSet.Check(zoo.Files, "NetDsl.Zoo");

        Assert.Equal(zoo.Networks.Count, set.Networks.Count);
        foreach (var network in set.Networks)
        {
            var svg = XDocument.Parse(NetworkDiagram.Svg(network.Plan, expand: true));
            var boxes = svg.Descendants().Where(e => e.Name.LocalName == "title" && e.Parent!.Name.LocalName == "g").ToList();
            foreach (var box in boxes)
            {
                // A box's tooltip names its modules; its second line is the output shape of the last of them.
                var path = box.Value.Split(", ").Last();
                var row = network.Summary.Layers.Single(l => l.Path == path);
                var shape = box.Parent!.Elements().Where(e => e.Name.LocalName == "text").Last().Value;
                Assert.Equal(string.Join("×", row.Output.Dims), shape);
            }

            Assert.NotEmpty(boxes);
        }
    }

    [Fact]
    public void An_unknown_model_names_the_nearest_one()
    {
        var run = Cli.Run("diagram", "resnet51", "--out", "never.svg");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'resnet51' is neither a file nor a zoo model. Did you mean 'ResNet50'?", run.Error);
        Assert.False(File.Exists("never.svg"));
    }

    [Fact]
    public void An_unwritable_out_path_is_named_with_the_fix_and_leaves_nothing_behind()
    {
        using var dir = new TempDirectory();
        var blocker = dir.Write("file.txt", "not a folder");

        var run = Cli.Run("diagram", "resnet18", "--out", Path.Combine(blocker, "resnet18.svg"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"--out: cannot write '{Path.Combine(blocker, "resnet18.svg")}'", run.Error);
        Assert.Contains("pass a path in a folder you can write to", run.Error);
        Assert.Equal(new[] { blocker }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_spec_with_errors_prints_them_and_draws_nothing()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("bad.net.yaml", "network: Bad\ninput: [3, 8, 8]\nlayers:\n  - conv: { out: 4, k: 9 }\n");

        var run = Cli.Run("diagram", spec, "--out", dir.File("bad.svg"));

        Assert.Equal(ExitCodes.SpecErrors, run.ExitCode);
        Assert.Contains("bad.net.yaml(4,", run.Error);
        Assert.Contains("fix them (see 'netdsl check') to get its diagram", run.Error);
        Assert.False(File.Exists(dir.File("bad.svg")));
    }

    private static System.Collections.Generic.List<string> Lines(string text, params string[] parts) =>
        text.Split('\n').Where(l => parts.All(p => l.Contains(p, System.StringComparison.Ordinal))).ToList();
}
