using System;
using System.IO;
using NetDsl.Language.Diagnostics;

namespace NetDsl.Cli.Specs;

/// <summary>Where the network a command names is declared: a <c>.net.yaml</c> file, or a zoo model by name.</summary>
internal static class SpecLocation
{
    /// <summary>
    /// The file declaring <paramref name="name"/> and the files to check with it: the file alone, or, for a zoo
    /// model, every spec of the zoo (its block libraries included).
    /// </summary>
    /// <exception cref="CliException">The name is neither a file nor a zoo model; the message suggests the nearest.</exception>
    public static (string File, string[] Files) Find(string name, string zooDirectory)
    {
        if (File.Exists(name))
        {
            return (name, [name]);
        }

        if (name.EndsWith(SpecSet.Extension, StringComparison.OrdinalIgnoreCase) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.Usage, $"The spec '{name}' does not exist.");
        }

        var zoo = new ZooSpecs(zooDirectory);
        if (zoo.FileOf(name) is { } file)
        {
            return (file, [.. zoo.Files]);
        }

        if (zoo.Networks.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, $"'{name}' is not a file, and the zoo's specs are not in '{zooDirectory}' (they are copied there when the tool is built).");
        }

        var nearest = Suggestions.Nearest(name, zoo.Networks);
        throw new CliException(
            ExitCodes.Usage,
            $"'{name}' is neither a file nor a zoo model.{(nearest is null ? string.Empty : $" Did you mean '{nearest}'?")} Zoo models: {string.Join(", ", zoo.Networks)}.");
    }
}
