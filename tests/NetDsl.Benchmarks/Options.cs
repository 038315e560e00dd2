using System;
using System.Globalization;

namespace NetDsl.Benchmarks;

/// <summary>Command-line settings of the training and memory benchmarks (<c>--name value</c> pairs).</summary>
internal sealed class Options
{
    public int Threads { get; private set; } = 2;
    public int Batch { get; private set; } = 32;
    public int Warmup { get; private set; } = 3;
    public int Steps { get; private set; } = 10;
    public int Rounds { get; private set; } = 4;
    public int MemoryBatch { get; private set; } = 8;
    public int MemorySteps { get; private set; } = 1000;
    public string? PyTorchScript { get; private set; }
    public string Python { get; private set; } = "/usr/bin/python3";

    public static Options Parse(ReadOnlySpan<string> args)
    {
        var options = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--threads": options.Threads = Int(value); break;
                case "--batch": options.Batch = Int(value); break;
                case "--warmup": options.Warmup = Int(value); break;
                case "--steps": options.Steps = Int(value); break;
                case "--rounds": options.Rounds = Int(value); break;
                case "--memory-batch": options.MemoryBatch = Int(value); break;
                case "--memory-steps": options.MemorySteps = Int(value); break;
                case "--pytorch": options.PyTorchScript = value; break;
                case "--python": options.Python = value; break;
                default: throw new ArgumentException("Unknown option " + args[i] + ".");
            }
        }
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException("Option " + args[^1] + " has no value.");
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
