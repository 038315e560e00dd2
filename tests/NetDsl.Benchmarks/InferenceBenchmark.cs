using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Benchmarks.Inference;
using NetDsl.Language.Backends.PyTorch;
using NetDsl.Language.Plan;
using NetDsl.Runtime.Export;
using NetDsl.Samples.FashionMnist;
using NetDsl.Zoo;
using static TorchSharp.torch;

namespace NetDsl.Benchmarks;

/// <summary>
/// Eval-mode inference of one spec in three engines on this CPU with the same threads: the exported ONNX file in
/// ONNX Runtime, the generated TorchSharp module, and the PyTorch module printed from the same plan. The engines
/// alternate forward by forward so each sees the same machine load; the table gives medians and the ratio to TorchSharp.
/// </summary>
internal static class InferenceBenchmark
{
    private static readonly string FashionSpec = Path.GetFullPath(Path.Combine(Zoo.Directory, "..", "NetDsl.FashionMnist", "fashion_resnet.net.yaml"));

    public static int Run(Options options)
    {
        set_num_threads(options.Threads);
        manual_seed(0);
        Console.WriteLine($"## Inference: eval mode, {options.Threads} threads, {options.Warmup} warm-up + {options.Steps} timed forwards per engine, alternating");
        Console.WriteLine($"{Environment.ProcessorCount} processors, load average before: {TrainingBenchmark.LoadAverage()}");
        var work = Directory.CreateTempSubdirectory("netdsl-inference-");
        var rows = new List<string>();
        try
        {
            var resnet50 = SpecPlan.Of(Zoo.PathOf("resnet50"), Zoo.PathOf("resnet_blocks"));
            var fashion = SpecPlan.Of(FashionSpec);
            rows.AddRange(Measure(options, work.FullName, "ResNet-50", resnet50, () => new ResNet50(), [1, 3, 224, 224]));
            rows.AddRange(Measure(options, work.FullName, "ResNet-50", resnet50, () => new ResNet50(), [32, 3, 224, 224]));
            rows.AddRange(Measure(options, work.FullName, "FashionResNet", fashion, () => new FashionResNet(), [500, 1, 28, 28]));
        }
        finally
        {
            work.Delete(recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| network | batch | engine | median ms | min | max | images/s | time / TorchSharp |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"load average after: {TrainingBenchmark.LoadAverage()}");
        return 0;
    }

    private static IEnumerable<string> Measure(Options options, string work, string label, NetworkPlan plan, Func<nn.Module<Tensor, Tensor>> create, long[] batchShape)
    {
        var stem = Path.Combine(work, plan.Class.Name);
        var onnx = stem + ".onnx";
        var python = PyTorchEmitter.Emit(plan);
        var pythonPath = stem + ".py";
        File.WriteAllText(pythonPath, python.Source, Encoding.UTF8);

        using var model = create();
        model.eval();
        OnnxExport.Save(model, plan, onnx);

        var engines = new List<IInferenceEngine> { new OnnxRuntimeEngine(onnx, batchShape, options.Threads), new TorchSharpEngine(model, batchShape) };
        if (options.PyTorchScript != null && PyTorchEngine.Start(options, pythonPath, python.ClassName, batchShape) is { } pytorch)
        {
            engines.Add(pytorch);
        }

        try
        {
            foreach (var engine in engines.Take(2))
            {
                for (var i = 0; i < options.Warmup; i++)
                {
                    engine.Run();
                }
            }

            var times = engines.Select(_ => new List<double>()).ToArray();
            for (var step = 0; step < options.Steps; step++)
            {
                for (var e = 0; e < engines.Count; e++)
                {
                    times[e].Add(engines[e].Run());
                }
            }

            var results = engines.Select((engine, e) => StepTimes.Of(engine.Name, times[e])).ToArray();
            var torchSharp = results[1].Median;
            Console.WriteLine($"{label} batch {batchShape[0]}: " + string.Join(", ", results.Select(r => $"{r.Name} {StepTimes.Format(r.Median)} ms")));
            return results.Select(r =>
                $"| {label} | {batchShape[0]} | {r.Name} | {StepTimes.Format(r.Median)} | {StepTimes.Format(r.Min)} | {StepTimes.Format(r.Max)} | " +
                $"{StepTimes.Format(batchShape[0] * 1000.0 / r.Median)} | {StepTimes.Ratio(r.Median, torchSharp)} |").ToList();
        }
        finally
        {
            engines.ForEach(e => e.Dispose());
        }
    }
}
