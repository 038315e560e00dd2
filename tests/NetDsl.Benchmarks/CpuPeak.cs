using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetDsl.Benchmarks;

/// <summary>
/// The fp32 peak of this machine's CPUs: processors × clock × FLOPs per cycle, with the processors and the clock
/// read from /proc/cpuinfo. FLOPs per cycle is Zen 5's: two 512-bit FMA pipes per core, 16 fp32 lanes each, two
/// FLOPs per fused multiply-add (64). A core with 256-bit FMA datapaths (Zen 4 and earlier) has half of that.
/// </summary>
internal sealed record CpuPeak(int Processors, double Megahertz, int FlopsPerCycle)
{
    public const int Zen5FlopsPerCycle = 2 * 16 * 2;

    public double GigaflopsPerSecond => Processors * Megahertz / 1000 * FlopsPerCycle;

    public string Description =>
        $"{Processors} cores × {(Megahertz / 1000).ToString("0.00", CultureInfo.InvariantCulture)} GHz × {FlopsPerCycle} FLOPs/cycle " +
        $"(2 FMA pipes × 16 fp32 lanes × 2) = {GigaflopsPerSecond.ToString("0", CultureInfo.InvariantCulture)} GFLOP/s";

    /// <summary>Reads /proc/cpuinfo; null where there is none or it names no clock.</summary>
    public static CpuPeak? Read(int threads)
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return null;
        }

        var megahertz = File.ReadLines("/proc/cpuinfo")
            .Where(line => line.StartsWith("cpu MHz", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.IndexOf(':') + 1)..], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .First();
        return megahertz > 0 ? new CpuPeak(Math.Min(threads, Environment.ProcessorCount), megahertz, Zen5FlopsPerCycle) : null;
    }
}
