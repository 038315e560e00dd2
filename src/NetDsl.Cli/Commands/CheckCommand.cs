using System.CommandLine;
using System.Linq;
using NetDsl.Cli.Specs;
using NetDsl.Language.Model;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl check &lt;files or folders…&gt;</c>: the generator's checks, for CI pipelines.</summary>
internal static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = ".net.yaml files, or folders searched recursively for them (bin/ and obj/ skipped). Blocks are shared across all of them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("check", "Check .net.yaml specs and print diagnostics in compiler format; exit code 1 when any error.") { paths };
        command.SetAction(parse =>
        {
            var files = SpecSet.Expand(parse.GetValue(paths)!);
            var set = SpecSet.Check(files);
            foreach (var diagnostic in set.Diagnostics)
            {
                context.Output.WriteLine(diagnostic.ToString());
            }

            var errors = set.Diagnostics.Count(d => d.Severity == Severity.Error);
            var warnings = set.Diagnostics.Count - errors;
            context.Output.WriteLine(
                $"{(errors == 0 ? "Check succeeded" : "Check failed")}: {Plural(errors, "error")}, {Plural(warnings, "warning")} in {Plural(files.Count, "file")}.");
            return errors == 0 ? ExitCodes.Success : ExitCodes.SpecErrors;
        });
        return command;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
