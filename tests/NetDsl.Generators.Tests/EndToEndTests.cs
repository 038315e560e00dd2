using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetDsl.Generators.Tests;

/// <summary>A consumer project wired like samples/NetDsl.Zoo, built with <c>dotnet build</c>.</summary>
public class EndToEndTests
{
    [Fact]
    public void ChannelMismatchFailsDotnetBuildAtTheYamlLine()
    {
        var (exitCode, output) = BuildConsumer(("bad.net.yaml", PlantedSpecs.ChannelMismatch));

        Assert.True(exitCode != 0, output);
        Assert.True(Regex.IsMatch(output, @"bad\.net\.yaml\(10,5\): error ND01\d\d"), output);
    }

    [Fact]
    public void BranchSizeMismatchInAnAttributeBlockFailsDotnetBuildAtTheBranchAttribute()
    {
        var (_, code) = Declarations.Sample("InceptionB");
        var planted = code.Replace(", Pad = \"same\"", string.Empty, StringComparison.Ordinal);

        var (exitCode, output) = BuildConsumer(("InceptionB.cs", planted));

        Assert.True(exitCode != 0, output);
        Assert.True(Regex.IsMatch(output, @"InceptionB\.cs\(14,2\): error ND0103"), output);
    }

    [Fact]
    public void ThePackedGeneratorWorksInAProjectThatReferencesThePackage()
    {
        var root = GeneratorHarness.RepoRoot();
        var scratch = Path.Combine(root, "artifacts", "e2e", "package-" + Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(scratch, "feed");
        const string Version = "0.0.0-e2e";
        try
        {
            var (packExit, packOutput) = Dotnet(["pack", Path.Combine(root, "generators", "NetDsl.Generators"), "-c", "Release", "-o", feed, "-p:PackageVersion=" + Version], root);
            Assert.True(packExit == 0, packOutput);
            using (var package = ZipFile.OpenRead(Path.Combine(feed, $"NetDsl.Generators.{Version}.nupkg")))
            {
                var entries = package.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("analyzers/dotnet/cs/NetDsl.Generators.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/NetDsl.Language.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
                Assert.Contains("build/NetDsl.Generators.props", entries);
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
            }

            // The package comes from the feed into a private packages folder; everything else from the machine's cache.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var (exitCode, output) = Build(Path.Combine(scratch, "consumer"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <RootNamespace>Consumer</RootNamespace>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                    <RestorePackagesPath>{scratch}/packages</RestorePackagesPath>
                    <RestoreFallbackFolders>{cache}</RestoreFallbackFolders>
                    <RestoreAdditionalProjectSources>{feed}</RestoreAdditionalProjectSources>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="NetDsl.Generators" Version="{Version}" />
                    <ProjectReference Include="{root}/src/NetDsl.Nn/NetDsl.Nn.csproj" />
                  </ItemGroup>
                </Project>
                """,
                ("packaged.net.yaml", "network: PackagedNet\ninput: [1, 8, 8]\nparams: { classes: int = 3 }\nlayers:\n  - Body\n  - globalavgpool\n  - flatten\n  - linear: { out: $classes }\n"),
                ("Body.cs", "using NetDsl.Declarations;\nnamespace Consumer;\n[NetBlock]\n[ConvDefaults(Norm = \"batch\", Act = \"relu\")]\n[Conv(4, 3, Pad = 1)]\npublic partial class Body { }\n"),
                ("Use.cs", "namespace Consumer;\ninternal static class Use { public static long Count => PackagedNet.ParameterCount; }\n"));

            Assert.True(exitCode == 0, output);
            Assert.Contains("0 Warning(s)", output);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Builds a consumer project wired like samples/NetDsl.Zoo holding <paramref name="files"/>.</summary>
    private static (int ExitCode, string Output) BuildConsumer(params (string Name, string Text)[] files)
    {
        var root = GeneratorHarness.RepoRoot();
        // Inside the repository (artifacts/ is ignored) so Directory.Build.props and central versions apply.
        var project = Path.Combine(root, "artifacts", "e2e", Guid.NewGuid().ToString("N"));
        try
        {
            return Build(project, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <RootNamespace>Consumer</RootNamespace>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{root}/src/NetDsl.Nn/NetDsl.Nn.csproj" />
                    <ProjectReference Include="{root}/generators/NetDsl.Generators/NetDsl.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                  <Import Project="$(RepoRoot)generators/NetDsl.Generators/build/NetDsl.Generators.props" />
                </Project>
                """, files);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="csproj"/> and <paramref name="files"/> into <paramref name="folder"/> and runs <c>dotnet build</c> there.</summary>
    private static (int ExitCode, string Output) Build(string folder, string csproj, params (string Name, string Text)[] files)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), csproj);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        return Dotnet(["build"], folder);
    }

    private static (int ExitCode, string Output) Dotnet(string[] arguments, string directory)
    {
        var (exitCode, output, error) = NetDsl.Testing.ChildProcess.Run("dotnet", [.. arguments, "-nologo", "-p:NuGetAudit=false"], directory);
        return (exitCode, output + error);
    }
}
