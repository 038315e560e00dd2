using System;

namespace NetDsl.Benchmarks.Inference;

/// <summary>One engine running one network's eval-mode forward on a fixed batch: the inference benchmark times <see cref="Run"/>.</summary>
internal interface IInferenceEngine : IDisposable
{
    /// <summary>The table's name for the engine.</summary>
    string Name { get; }

    /// <summary>Runs one forward and returns its milliseconds.</summary>
    double Run();
}
