using Xunit;

namespace NetDsl.Cli.Tests;

public sealed class CheckCommandTests
{
    private const string Valid = """
        network: Small
        input: [1, 8, 8]
        layers:
          - conv: { out: 4, k: 3, pad: 1 }
          - flatten
        """;

    // conv2's 9×9 kernel does not fit the 6×6 map conv1 leaves: line 5, column 5 (the list item).
    private const string Planted = """
        network: Bad
        input: [1, 8, 8]
        layers:
          - conv: { out: 4, k: 3 }
          - conv: { out: 4, k: 9 }
          - flatten
        """;

    private const string Library = """
        blocks:
          Pair:
            layers:
              - conv: { out: 4, k: 3, pad: 1 }
              - relu
        """;

    private const string UsesLibrary = """
        network: Uses
        input: [1, 8, 8]
        layers:
          - Pair
          - flatten
        """;

    [Fact]
    public void A_valid_spec_exits_zero_with_a_summary_line()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("small.net.yaml", Valid);

        var run = Cli.Run("check", spec);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("Check succeeded: 0 errors, 0 warnings in 1 file.\n", run.Output);
    }

    [Fact]
    public void A_planted_error_is_printed_in_compiler_format_at_its_line_and_column()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("bad.net.yaml", Planted);

        var run = Cli.Run("check", spec);

        Assert.Equal(ExitCodes.SpecErrors, run.ExitCode);
        var lines = run.Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(spec + "(5,5): error ND0104: conv 'conv2' in network 'Bad': ", lines[0]);
        Assert.Contains("[9, 9]", lines[0]);
        Assert.Equal("Check failed: 1 error, 0 warnings in 1 file.", lines[1]);
    }

    [Fact]
    public void Blocks_are_shared_across_the_files_given()
    {
        using var dir = new TempDirectory();
        var library = dir.Write("lib.net.yaml", Library);
        var user = dir.Write("uses.net.yaml", UsesLibrary);

        var alone = Cli.Run("check", user);
        var together = Cli.Run("check", library, user);

        Assert.Equal(ExitCodes.SpecErrors, alone.ExitCode);
        Assert.StartsWith(user + "(4,5): error ND0022: unknown block 'Pair'", alone.Output);
        Assert.Equal(ExitCodes.Success, together.ExitCode);
        Assert.Equal("Check succeeded: 0 errors, 0 warnings in 2 files.\n", together.Output);
    }

    [Fact]
    public void A_folder_is_searched_recursively_skipping_build_output()
    {
        using var dir = new TempDirectory();
        dir.Write("specs/lib.net.yaml", Library);
        dir.Write("specs/nested/uses.net.yaml", UsesLibrary);
        dir.Write("specs/obj/bad.net.yaml", Planted);

        var run = Cli.Run("check", dir.File("specs"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.EndsWith("in 2 files.\n", run.Output);
    }

    [Fact]
    public void A_missing_path_is_a_usage_error_naming_it()
    {
        var run = Cli.Run("check", "no/such/file.net.yaml");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'no/such/file.net.yaml' is neither a file nor a folder", run.Error);
    }

    [Fact]
    public void No_path_at_all_is_a_usage_error()
    {
        var run = Cli.Run("check");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("netdsl: error:", run.Error);
    }

    // A block declared with attributes whose conv is too big for the 4×4 input it declares: line 5, column 2.
    private const string DeclaredBlock = """
        using NetDsl.Declarations;

        namespace Consumer;

        [NetBlock(In = new[] { 1, 4, 4 })]
        [Conv(4, 7)]
        public partial class Wide
        {
        }
        """;

    private const string DeclaredPair = """
        using NetDsl.Declarations;

        namespace Consumer;

        [NetBlock]
        [Conv(4, 3, Pad = 1)]
        [Relu]
        public partial class Pair
        {
        }
        """;

    [Fact]
    public void Attribute_declarations_in_cs_files_are_checked_as_the_build_checks_them()
    {
        using var dir = new TempDirectory();
        var declared = dir.Write("Wide.cs", DeclaredBlock);

        var run = Cli.Run("check", declared);

        Assert.Equal(ExitCodes.SpecErrors, run.ExitCode);
        Assert.StartsWith(declared + "(6,2): error ND0104: conv 'conv1' in block 'Wide' (checked alone with its defaults)", run.Output);
    }

    [Fact]
    public void A_yaml_network_uses_a_block_declared_in_csharp_and_summary_sees_it()
    {
        using var dir = new TempDirectory();
        dir.Write("specs/Pair.cs", DeclaredPair);
        var user = dir.Write("specs/uses.net.yaml", UsesLibrary);

        var check = Cli.Run("check", dir.File("specs"));
        var summary = Cli.Run("summary", user, "--blocks", dir.File("specs/Pair.cs"));

        Assert.Equal("Check succeeded: 0 errors, 0 warnings in 2 files.\n", check.Output);
        Assert.Equal(ExitCodes.Success, summary.ExitCode);
        Assert.Contains("pair.conv1", summary.Output);
    }
}
