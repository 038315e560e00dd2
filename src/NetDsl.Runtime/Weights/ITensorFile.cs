using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>An opened, checked weights file (safetensors, TorchSharp's format, or a checkpoint's model section).</summary>
internal interface ITensorFile : IDisposable
{
    /// <summary>The file and, where it matters, its format or section, for messages: <c>'w.dat' (TorchSharp format)</c>.</summary>
    string Description { get; }

    /// <summary>The tensors in file order.</summary>
    IReadOnlyList<TensorEntry> Entries { get; }

    /// <summary>Reads one tensor into a new CPU tensor.</summary>
    Tensor Read(TensorEntry entry);
}
