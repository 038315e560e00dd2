using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Cli.Specs;

/// <summary>
/// A set of <c>.net.yaml</c> files checked together as the generator checks a project: every file's blocks form
/// one library that every file may use.
/// </summary>
internal sealed class SpecSet
{
    /// <summary>The extension of spec files.</summary>
    public const string Extension = ".net.yaml";

    private SpecSet(IReadOnlyList<string> files, IReadOnlyList<SpecDiagnostic> diagnostics, IReadOnlyList<CheckedNetwork> networks)
    {
        Files = files;
        Diagnostics = diagnostics;
        Networks = networks;
    }

    /// <summary>The files checked, in the order given (folders expanded in ordinal path order).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every diagnostic, in file order.</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }

    /// <summary>The networks that checked without errors, with the file each is declared in.</summary>
    public IReadOnlyList<CheckedNetwork> Networks { get; }

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The extension of C# files, whose classes may declare blocks and networks with attributes.</summary>
    public const string CSharpExtension = ".cs";

    /// <summary>Expands folders (recursively, <c>*.net.yaml</c> and <c>*.cs</c>) and checks that every path exists.</summary>
    /// <exception cref="CliException">A path is neither a file nor a folder, or a folder holds no spec.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => (IsSpec(f) || IsCSharp(f)) && !IsBuildOutput(Path.GetRelativePath(path, f)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new CliException(ExitCodes.Usage, $"The folder '{path}' holds no {Extension} or {CSharpExtension} file.");
                }

                files.AddRange(found);
            }
            else
            {
                throw new CliException(ExitCodes.Usage, $"'{path}' is neither a file nor a folder; pass .net.yaml or .cs files, or folders that hold them.");
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses and checks <paramref name="files"/> together; <paramref name="adjust"/> may change each parsed file before it is checked.</summary>
    public static SpecSet Check(IReadOnlyList<string> files, string defaultNamespace = "NetDsl.Specs", Func<SpecFile, SpecFile>? adjust = null)
    {
        var parsed = files.Where(f => !IsCSharp(f))
            .Select(f => NetDslProject.Parse(f, File.ReadAllText(f), defaultNamespace))
            .Concat(CSharpDeclarations.Read(files.Where(IsCSharp).ToList()))
            .Select(p => adjust is null || p.File is null ? p : p with { File = adjust(p.File) })
            .ToList();
        var results = NetDslProject.Check(parsed);
        var networks = results
            .Select(r => r.Plan)
            .Where(p => p?.Network is not null)
            .Select(p => new CheckedNetwork(p!.Path, p.Network!))
            .ToList();
        return new SpecSet(files, results.SelectMany(r => r.Diagnostics).ToList(), networks);
    }

    private static bool IsSpec(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    private static bool IsCSharp(string path) => path.EndsWith(CSharpExtension, StringComparison.OrdinalIgnoreCase);

    private static bool IsBuildOutput(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Any(p => p is "bin" or "obj");
    }
}

/// <summary>A network that checked without errors, its plan, and the file that declares it.</summary>
internal sealed record CheckedNetwork(string Path, NetworkPlan Plan)
{
    /// <summary>What shape inference found at the nominal input.</summary>
    public NetworkSummary Summary => Plan.Summary;
}
