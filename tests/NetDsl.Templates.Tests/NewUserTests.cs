using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetDsl.Templates.Tests;

/// <summary>
/// A .NET developer's first five minutes, as one test: the packages of scripts/pack.sh in a feed; the templates
/// installed into a fresh dotnet home; a project made outside the repository and built from the feed alone (the
/// other packages from NuGet, through the machine's cache); a spec mistake failing the build at the spec's line;
/// one epoch of training; the tool installed from the feed, summarising the project's spec and training its network.
/// </summary>
public sealed class NewUserTests(ITestOutputHelper log)
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "netdsl-new-user-" + Guid.NewGuid().ToString("N"));

    private static readonly string RepoRoot = typeof(NewUserTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>Where NuGet keeps this machine's packages: TorchSharp and libtorch come from there, not from the network.</summary>
    private static readonly string MachinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
        ? set
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [Fact]
    public void A_new_user_packs_makes_a_project_from_the_template_builds_trains_and_uses_the_tool()
    {
        var scratch = _scratch;
        var feed = Path.Combine(scratch, "feed");
        var project = Path.Combine(scratch, "Shades");
        try
        {
            Step("pack", () => Run("bash", [Path.Combine(RepoRoot, "scripts", "pack.sh"), "--out", feed], RepoRoot));
            var version = PackagesIn(feed);
            WriteNuGetConfig(scratch, feed);

            Step("install the templates", () => Dotnet(scratch, "new", "install", Path.Combine(feed, $"NetDsl.Templates.{version}.nupkg")));
            Step("dotnet new netdsl-classifier", () => Dotnet(scratch, "new", "netdsl-classifier", "-n", "Shades", "-o", project));
            Step("dotnet new netdsl-block", () => Dotnet(project, "new", "netdsl-block", "-n", "blocks"));
            var csproj = File.ReadAllText(Path.Combine(project, "Shades.csproj"));
            Assert.Contains($"<PackageReference Include=\"NetDsl\" Version=\"{version}\" />", csproj, StringComparison.Ordinal);
            Assert.DoesNotContain("ProjectReference", csproj, StringComparison.Ordinal);

            // The mistake of the README: a 3×3 conv without its padding shrinks the residual body below its shortcut.
            var spec = Path.Combine(project, "residual_net.net.yaml");
            var fixedText = File.ReadAllText(spec);
            const string Padded = "- conv: { out: $planes, k: 3, pad: 1, act: none }";
            Assert.Contains(Padded, fixedText, StringComparison.Ordinal);
            File.WriteAllText(spec, fixedText.Replace(Padded, "- conv: { out: $planes, k: 3, act: none }", StringComparison.Ordinal));
            var residualLine = Array.FindIndex(fixedText.Split('\n'), l => l.Trim() == "residual:") + 1;
            var broken = Step("build with a planted spec error", () => Dotnet(project, "build", "-nologo"), expectSuccess: false);
            Assert.Matches($@"residual_net\.net\.yaml\({residualLine},5\): error ND0110: projection shortcut in block 'ResidualUnit'", broken);

            File.WriteAllText(spec, fixedText);
            var built = Step("build", () => Dotnet(project, "build", "-nologo"));
            Assert.Contains("0 Warning(s)", built, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(project, "obj", "netdsl.schema.json")), "the build did not copy the package's schema to obj/ for the spec's editor line");

            var data = Path.Combine(scratch, "data");
            Directory.CreateDirectory(data);
            IdxWriter.WriteSplit(data, "train", 320, 28, 28, gzip: false);
            IdxWriter.WriteSplit(data, "t10k", 100, 28, 28, gzip: false);
            var trained = Step("train one epoch", () => Dotnet(project, "run", "--no-build", "--", data, "1"));
            Assert.Matches(@"Test accuracy [0-9.]+ % on 100 images after 1 epochs", trained);
            Assert.True(File.Exists(Path.Combine(project, "runs", "curves.png")), "no runs/curves.png");

            var tools = Path.Combine(scratch, "tools");
            Step("install the tool", () => Dotnet(scratch, "tool", "install", "NetDsl.Tool", "--version", version, "--tool-path", tools));
            var netdsl = Path.Combine(tools, "netdsl");
            var summary = Step("netdsl summary", () => Run(netdsl, ["summary", spec, "--freeze", "*", "--unfreeze", "fc.*", "--batch-size", "128"], project));
            Assert.StartsWith("ResidualNet: input [1, 28, 28], output [10], 73,082 parameters", summary, StringComparison.Ordinal);
            Assert.Contains("Trainable: 650 of 73,082 parameters", summary, StringComparison.Ordinal);
            Assert.Contains("One training step at batch size 128, estimated:", summary, StringComparison.Ordinal);

            // The tool carries no libtorch: it loads the one the project's restore put in the machine's packages folder.
            var assembly = Path.Combine(project, "bin", "Debug", "net10.0", "Shades.dll");
            var toolRun = Step("netdsl train", () => Run(netdsl, ["train", "--model", "ResidualNet", "--assembly", assembly, "--data", "fashion-mnist", "--data-dir", data, "--epochs", "1", "--out", Path.Combine(scratch, "tool-run")], project, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = MachinePackages }));
            Assert.Matches(@"Test: 100 images, loss [0-9.]+, top-1 error", toolRun);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The version all four packages share, after checking the NetDsl package holds what a project needs.</summary>
    private static string PackagesIn(string feed)
    {
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var match = Regex.Match(packages.FirstOrDefault(p => p!.StartsWith("NetDsl.Templates.", StringComparison.Ordinal)) ?? string.Empty, @"^NetDsl\.Templates\.(.+)\.nupkg$");
        Assert.True(match.Success, "no NetDsl.Templates package in " + string.Join(", ", packages));
        var version = match.Groups[1].Value;
        Assert.Equal([$"NetDsl.{version}.nupkg", $"NetDsl.Runtime.{version}.nupkg", $"NetDsl.Templates.{version}.nupkg", $"NetDsl.Tool.{version}.nupkg"], packages);
        using var package = ZipFile.OpenRead(Path.Combine(feed, $"NetDsl.{version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        foreach (var entry in new[]
        {
            "analyzers/dotnet/cs/NetDsl.Generators.dll", "analyzers/dotnet/cs/NetDsl.Language.dll", "analyzers/dotnet/cs/YamlDotNet.dll",
            "lib/net10.0/NetDsl.Nn.dll", "build/NetDsl.props", "build/NetDsl.targets", "buildTransitive/NetDsl.props",
            "buildTransitive/NetDsl.targets", "schema/netdsl.schema.json", "README.md",
        })
        {
            Assert.Contains(entry, entries);
        }

        return version;
    }

    /// <summary>NetDsl packages from the feed only; the rest from nuget.org, found in the machine's cache.</summary>
    private static void WriteNuGetConfig(string folder, string feed) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{Path.Combine(folder, "packages")}" />
          </config>
          <fallbackPackageFolders>
            <add key="machine" value="{MachinePackages}" />
          </fallbackPackageFolders>
          <packageSources>
            <clear />
            <add key="netdsl" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="netdsl"><package pattern="NetDsl" /><package pattern="NetDsl.*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>
        """);

    /// <summary>Runs a step, logs its time, and returns its output (standard output and error together).</summary>
    private string Step(string name, Func<(int ExitCode, string Output)> run, bool expectSuccess = true)
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = run();
        log.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:F1} s, exit code {exitCode}");
        Assert.True(expectSuccess ? exitCode == 0 : exitCode != 0, $"{name} exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary><c>dotnet</c> as a new user has it: a dotnet home of its own (templates, tools, first-run state), and the packages folder of the scratch folder's nuget.config.</summary>
    private (int ExitCode, string Output) Dotnet(string directory, params string[] arguments) =>
        Run("dotnet", arguments, directory, new Dictionary<string, string?>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(_scratch, "home"),
            ["NUGET_PACKAGES"] = null,
        });

    private static (int ExitCode, string Output) Run(string program, string[] arguments, string directory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var (exitCode, output, error) = ChildProcess.Run(program, arguments, directory, environment);
        return (exitCode, output + error);
    }
}
