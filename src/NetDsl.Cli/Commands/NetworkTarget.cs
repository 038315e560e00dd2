using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using NetDsl.Cli.Specs;
using NetDsl.Language.Diagnostics;

namespace NetDsl.Cli.Commands;

/// <summary>
/// The network a command reads from its spec (summary, diagram): a <c>.net.yaml</c> file or a zoo model's name, the
/// files whose blocks it uses, parameter values and the input size, checked as the build checks them.
/// </summary>
internal sealed class NetworkTarget
{
    /// <summary>The spec file or zoo model.</summary>
    public Argument<string> Network { get; } = new("network") { Description = "A .net.yaml file that declares a network, or a zoo model's name (e.g. resnet50)." };

    /// <summary>More spec files or folders for blocks.</summary>
    public Option<string[]> Blocks { get; } = new("--blocks")
    {
        Description = "More .net.yaml files or folders whose blocks the network uses.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    /// <summary>Network parameter values.</summary>
    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "A network parameter's value instead of its default, as name=value (e.g. depth=56); may be repeated.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    /// <summary>Another accepted input size.</summary>
    public Option<string?> Input { get; } = new("--input") { Description = "Another input size the network accepts, as C,H,W (e.g. 3,32,32); default: its nominal input." };

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Network);
        command.Options.Add(Blocks);
        command.Options.Add(Set);
        command.Options.Add(Input);
    }

    /// <summary>
    /// Checks the network; on errors prints them and returns null (the command exits with <see cref="ExitCodes.SpecErrors"/>).
    /// <paramref name="purpose"/> finishes the sentence "fix them to get its …".
    /// </summary>
    /// <exception cref="CliException">The network cannot be found or an option's value is wrong.</exception>
    public CheckedNetwork? Check(ParseResult parse, CliContext context, string purpose)
    {
        var (file, files) = Locate(parse.GetValue(Network)!, context.ZooDirectory);
        var values = NetworkArguments.Parse(parse.GetValue(Set)!);
        var size = parse.GetValue(Input) is { } text ? NetworkInput.Parse(text) : ((int, int, int)?)null;
        var checkedSet = SpecSet.Check(
            [.. files, .. SpecSet.Expand(parse.GetValue(Blocks)!).Where(f => !files.Contains(f))],
            adjust: spec => spec.Path != file ? spec : size is { } dims ? NetworkInput.Apply(NetworkArguments.Apply(spec, values), dims) : NetworkArguments.Apply(spec, values));
        if (checkedSet.HasErrors)
        {
            foreach (var diagnostic in checkedSet.Diagnostics)
            {
                context.Error.WriteLine(diagnostic.ToString());
            }

            context.Error.WriteLine($"netdsl: error: '{file}' has errors; fix them (see 'netdsl check') to get its {purpose}.");
            return null;
        }

        return checkedSet.Networks.FirstOrDefault(n => n.Path == file)
            ?? throw new CliException(ExitCodes.Usage, $"'{file}' declares no network (it holds only blocks or its network has parameters without defaults); pass the file with 'network:', and block files with --blocks.");
    }

    private static (string File, string[] Files) Locate(string name, string zooDirectory)
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
