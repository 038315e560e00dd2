using System;
using System.IO;
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
                  <Import Project="$(RepoRoot)generators/NetDsl.Generators/build/NetDsl.props" />
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
