using System.CommandLine;
using NetDsl.Cli.Specs;

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
    /// Checks the network as the build does (<see cref="NetworkSpec.Check"/>), with the parameter values and the input
    /// size given. <paramref name="purpose"/> finishes the sentence "fix them to get its …".
    /// </summary>
    /// <exception cref="CliException">The network cannot be found, has errors, or an option's value is wrong.</exception>
    public CheckedNetwork Check(ParseResult parse, CliContext context, string purpose)
    {
        var values = NetworkArguments.Parse(parse.GetValue(Set)!);
        var size = parse.GetValue(Input) is { } text ? NetworkInput.Parse(text) : ((int, int, int)?)null;
        return NetworkSpec.Check(
            context,
            parse.GetValue(Network)!,
            parse.GetValue(Blocks)!,
            "get its " + purpose,
            spec => size is { } dims ? NetworkInput.Apply(NetworkArguments.Apply(spec, values), dims) : NetworkArguments.Apply(spec, values));
    }
}
