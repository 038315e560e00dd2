using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetDsl.Benchmarks;

/// <summary>
/// The fp32 peak of this machine's CPUs: processors × clock × FLOPs per cycle, with the processors and the clock
/// read from /proc/cpuinfo. FLOPs per cycle is two FMA pipes per core × the fp32 lanes of a vector × two FLOPs per
/// fused multiply-add: 64 with AVX-512 (taken to be Zen 5's 512-bit pipes, docs/performance.md says why), 32 with
/// AVX2 only (Zen 3's 256-bit pipes; the kind's machines are not all one CPU).
/// </summary>
internal sealed record CpuPeak(int Processors, double Megahertz, int Lanes)
{
    public int FlopsPerCycle => 2 * Lanes * 2;

    public double GigaflopsPerSecond => Processors * Megahertz / 1000 * FlopsPerCycle;

    public string Description =>
        $"{Processors} cores × {(Megahertz / 1000).ToString("0.00", CultureInfo.InvariantCulture)} GHz × {FlopsPerCycle} FLOPs/cycle " +
        $"(2 FMA pipes × {Lanes} fp32 lanes × 2) = {GigaflopsPerSecond.ToString("0", CultureInfo.InvariantCulture)} GFLOP/s";

    /// <summary>Reads /proc/cpuinfo; null where there is none or it names no clock.</summary>
    public static CpuPeak? Read(int threads)
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return null;
        }

        var lines = File.ReadAllLines("/proc/cpuinfo");
        var megahertz = lines
            .Where(line => line.StartsWith("cpu MHz", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.IndexOf(':') + 1)..], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .First();
        var avx512 = lines.Any(line => line.StartsWith("flags", StringComparison.Ordinal) && line.Split(' ').Contains("avx512f"));
        return megahertz > 0 ? new CpuPeak(Math.Min(threads, Environment.ProcessorCount), megahertz, avx512 ? 16 : 8) : null;
    }
}
