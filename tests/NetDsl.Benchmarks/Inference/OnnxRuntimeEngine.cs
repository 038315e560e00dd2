using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace NetDsl.Benchmarks.Inference;

/// <summary>
/// ONNX Runtime's CPU provider on the exported file, all graph optimisations on, <c>threads</c> intra-op threads
/// and sequential execution (the same two compute threads the other engines get).
/// </summary>
internal sealed class OnnxRuntimeEngine : IInferenceEngine
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly OrtValue _images;
    private readonly Dictionary<string, OrtValue> _inputs;

    public OnnxRuntimeEngine(string onnxPath, long[] batchShape, int threads)
    {
        _options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(onnxPath, _options);
        var random = new Random(0);
        var data = new float[batchShape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2 - 1);
        }

        _images = OrtValue.CreateTensorValueFromMemory(data, batchShape);
        _inputs = new Dictionary<string, OrtValue> { [_session.InputNames[0]] = _images };
    }

    public string Name => $"ONNX Runtime {OrtEnv.Instance().GetVersionString()}";

    public double Run()
    {
        var watch = Stopwatch.StartNew();
        using var outputs = _session.Run(_run, _inputs, _session.OutputNames);
        return watch.Elapsed.TotalMilliseconds;
    }

    public void Dispose()
    {
        _images.Dispose();
        _run.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
