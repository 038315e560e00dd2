using System;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Cli.Specs;

/// <summary><c>--input C,H,W</c> for <c>netdsl summary</c>: the table for another size the network accepts.</summary>
internal static class NetworkInput
{
    /// <summary>Parses <c>3,32,32</c>, the value of <paramref name="option"/>.</summary>
    /// <exception cref="CliException">The text is not three positive integers.</exception>
    public static (int C, int H, int W) Parse(string text, string option = "--input")
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var dims = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0).ToArray();
        if (dims.Length != 3 || dims.Any(d => d == 0))
        {
            throw new CliException(ExitCodes.Usage, $"{option}: '{text}' is not C,H,W; write three positive integers, e.g. {option} 3,32,32.");
        }

        return (dims[0], dims[1], dims[2]);
    }

    /// <summary><paramref name="file"/> with its network's nominal input replaced, once checked against what it accepts.</summary>
    /// <exception cref="CliException">The file has no network, or the network does not accept that input.</exception>
    public static SpecFile Apply(SpecFile file, (int C, int H, int W) input)
    {
        var network = file.Network
            ?? throw new CliException(ExitCodes.Usage, $"--input: '{file.Path}' declares no network.");
        var accepted = network.AcceptedInputs;
        if (!accepted.Contains(input.C, input.H, input.W))
        {
            throw new CliException(ExitCodes.Usage, $"--input: network '{network.Name}' accepts inputs {accepted}, not [{input.C}, {input.H}, {input.W}]; see 'accepts:' in {file.Path}.");
        }

        return file with { Network = network with { Input = EquatableArray.Of(input.C, input.H, input.W), Accepts = accepted } };
    }
}
