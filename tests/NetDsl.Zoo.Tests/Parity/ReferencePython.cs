using System;
using System.IO;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>
/// Debian's PyTorch 1.13 and torchvision 0.14 (<c>/usr/bin/python3</c>; the <c>python3</c> first on PATH may be
/// another interpreter without them), which the parity scripts beside this file run on.
/// </summary>
internal static class ReferencePython
{
    public const string Python = "/usr/bin/python3";

    private const string Install = "apt-get install python3-torch python3-torchvision (scripts/test.sh does it)";

    /// <summary>The path of the parity script <paramref name="name"/>, copied beside the tests.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Parity", name);

    /// <summary>Why <paramref name="imports"/> (e.g. <c>torch, torchvision</c>) cannot be imported here, or null when they can.</summary>
    public static string? Missing(string imports)
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist. Install the reference with: {Install}.";
        }

        var (exit, _, error) = Exec("-c", "import " + imports);
        return exit == 0 ? null : $"{Python} cannot import {imports} ({error.Trim()}). Install them with: {Install}.";
    }

    /// <summary>Runs the interpreter with <paramref name="arguments"/>.</summary>
    public static (int Exit, string Output, string Error) Exec(params string[] arguments) => NetDsl.Testing.ChildProcess.Run(Python, arguments);
}
