using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Cli.Specs;

/// <summary>The network a command names (a <c>.net.yaml</c> file, or a zoo model by name), checked as the build checks it.</summary>
internal static class NetworkSpec
{
    /// <summary>
    /// Finds the network <paramref name="name"/> and checks its file with <paramref name="blocks"/> (and, for a zoo
    /// model, every spec of the zoo); <paramref name="adjust"/> may change the network's file before it is checked.
    /// A spec with errors has its diagnostics written to the context's error writer.
    /// </summary>
    /// <param name="context">Where the diagnostics go.</param>
    /// <param name="name">A spec file or a zoo model's name.</param>
    /// <param name="blocks">More files or folders whose blocks the network uses.</param>
    /// <param name="purpose">What the command wants the network for, for the message (<c>get its summary</c>).</param>
    /// <param name="adjust">A change to the parsed file, such as other parameter defaults.</param>
    /// <exception cref="CliException">The name is neither a file nor a zoo model, the spec has errors, or it declares no network.</exception>
    public static CheckedNetwork Check(CliContext context, string name, IEnumerable<string> blocks, string purpose, Func<SpecFile, SpecFile>? adjust = null)
    {
        var (file, files) = Find(name, context.ZooDirectory);
        var checkedSet = SpecSet.Check(
            [.. files, .. SpecSet.Expand(blocks).Where(f => !files.Contains(f))],
            adjust: adjust is null ? null : spec => spec.Path == file ? adjust(spec) : spec);
        if (checkedSet.HasErrors)
        {
            foreach (var diagnostic in checkedSet.Diagnostics)
            {
                context.Error.WriteLine(diagnostic.ToString());
            }

            throw new CliException(ExitCodes.SpecErrors, $"'{file}' has errors; fix them (see 'netdsl check') to {purpose}.");
        }

        return checkedSet.Networks.FirstOrDefault(n => n.Path == file)
            ?? throw new CliException(ExitCodes.Usage, $"'{file}' declares no network (it holds only blocks or its network has parameters without defaults); pass the file with 'network:', and block files with --blocks.");
    }

    /// <summary>
    /// The file declaring <paramref name="name"/> and the files to check with it: the file alone, or, for a zoo
    /// model, every spec of the zoo (its block libraries included).
    /// </summary>
    /// <exception cref="CliException">The name is neither a file nor a zoo model; the message suggests the nearest.</exception>
    private static (string File, string[] Files) Find(string name, string zooDirectory)
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
