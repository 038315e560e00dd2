using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NetDsl.Benchmarks;
using Perfolizer.Horology;

// Usage: NetDsl.Benchmarks pipeline | driver | train [options] | memory [options] | inference [options]   (see docs/benchmarks.md)
const string Usage = "usage: NetDsl.Benchmarks pipeline|driver|train|memory|inference [--threads N --batch N --warmup N --steps N --rounds N " +
                     "--memory-batch N --memory-steps N --pytorch scripts/pytorch_step.py|scripts/pytorch_infer.py --python /usr/bin/python3]";
if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

// A short job in this process (a full run and a separate build per benchmark take too long on a shared 2-core
// machine): 15 iterations of about 100 ms after 5 warm-ups, with the median beside the mean because other
// processes on the machine make the slowest iterations far slower.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1)
    .WithWarmupCount(5)
    .WithIterationCount(15)
    .WithIterationTime(TimeInterval.FromMilliseconds(100));
var config = DefaultConfig.Instance.AddJob(job).AddColumn(StatisticColumn.Median);
var options = Options.Parse(args.AsSpan(1));
switch (args[0])
{
    case "pipeline":
        BenchmarkRunner.Run<PipelineBenchmarks>(config);
        return 0;
    case "driver":
        BenchmarkRunner.Run<GeneratorDriverBenchmarks>(config);
        return 0;
    case "train":
        return TrainingBenchmark.Run(options);
    case "memory":
        return MemoryBenchmark.Run(options);
    case "inference":
        return InferenceBenchmark.Run(options);
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
