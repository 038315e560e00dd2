using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language;

namespace NetDsl.Cli.Specs;

/// <summary>
/// The model zoo's spec files, copied beside the tool (<c>zoo/*.net.yaml</c> in its output folder) when it is
/// built, so zoo models can be summarised by name from any folder.
/// </summary>
internal sealed class ZooSpecs
{
    private readonly Dictionary<string, string> _networkFiles;

    /// <summary>Reads the network names declared in <paramref name="directory"/>'s specs.</summary>
    public ZooSpecs(string directory)
    {
        Directory = directory;
        Files = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory, "*" + SpecSet.Extension).Order(StringComparer.Ordinal).ToList()
            : [];
        _networkFiles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Files)
        {
            if (SpecParser.Parse(file, File.ReadAllText(file), "NetDsl.Zoo").File?.Network is { } network)
            {
                _networkFiles[network.Name] = file;
            }
        }
    }

    /// <summary>The zoo folder beside the running tool.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "zoo");

    /// <summary>The folder the specs are read from.</summary>
    public string Directory { get; }

    /// <summary>Every spec file of the zoo (networks and block libraries).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The networks' names, in ordinal order.</summary>
    public IReadOnlyList<string> Networks => _networkFiles.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The file declaring the network <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? FileOf(string name) => _networkFiles.GetValueOrDefault(name);
}
