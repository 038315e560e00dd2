using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Cli.Specs;

/// <summary>
/// <c>--set name=value</c> for <c>netdsl summary</c>: network parameters given on the command line replace their
/// defaults, so a network such as <c>CifarResNetA</c> can be summarised at any depth.
/// </summary>
internal static class NetworkArguments
{
    /// <summary>Parses <c>name=value</c> pairs.</summary>
    /// <exception cref="CliException">A pair has no <c>=</c>, a name is given twice, or a value is not a non-negative number.</exception>
    public static IReadOnlyDictionary<string, double> Parse(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException(ExitCodes.Usage, $"--set: '{pair}' is not name=value; write e.g. --set depth=56.");
            }

            var name = pair[..equals];
            var text = pair[(equals + 1)..];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value))
            {
                throw new CliException(ExitCodes.Usage, $"--set {pair}: '{text}' is not a non-negative number.");
            }

            if (!values.TryAdd(name, value))
            {
                throw new CliException(ExitCodes.Usage, $"--set: the parameter '{name}' is given twice; give it once.");
            }
        }

        return values;
    }

    /// <summary><paramref name="file"/> with its network's parameter defaults replaced by <paramref name="values"/>.</summary>
    /// <exception cref="CliException">The file has no network, a name is not one of its parameters, or an integer parameter gets a fraction.</exception>
    public static SpecFile Apply(SpecFile file, IReadOnlyDictionary<string, double> values)
    {
        if (values.Count == 0)
        {
            return file;
        }

        var network = file.Network
            ?? throw new CliException(ExitCodes.Usage, $"--set: '{file.Path}' declares no network, so it has no parameters to set.");
        foreach (var name in values.Keys.Where(n => network.Params.All(p => p.Name != n)))
        {
            var known = network.Params.Count == 0 ? "it has none" : "its parameters are " + string.Join(", ", network.Params.Select(p => p.Name));
            throw new CliException(ExitCodes.Usage, $"--set: network '{network.Name}' has no parameter '{name}'; {known}.");
        }

        var parameters = network.Params.Select(p => values.TryGetValue(p.Name, out var value) ? p with { Default = Literal(network.Name, p, value) } : p);
        return file with { Network = network with { Params = parameters.ToEquatableArray() } };
    }

    private static NumberExpr Literal(string network, ParamDef parameter, double value)
    {
        if (parameter.Type == ParamType.Int && (value != Math.Floor(value) || value > int.MaxValue))
        {
            throw new CliException(ExitCodes.Usage, $"--set: '{parameter.Name}' of network '{network}' is an int; give a whole number up to {int.MaxValue}.");
        }

        return new NumberExpr(value, parameter.Type == ParamType.Int);
    }
}
