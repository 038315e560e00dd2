namespace NetDsl.Runtime.Native;

/// <summary>The libtorch a process has loaded, and what it can say about CUDA before a device is asked for.</summary>
/// <param name="Location">The folder, how it was found and its release.</param>
/// <param name="Warning">Set when the libtorch is accepted on its symbols alone (another release than TorchSharp's).</param>
/// <param name="CudaProblem">
/// Why CUDA cannot be used from this libtorch (no <c>libtorch_cuda.so</c>, or it did not load and why, with the
/// library path searched); null when <c>libtorch_cuda.so</c> loaded, or when the libtorch is the program's own
/// and TorchSharp loads it.
/// </param>
public sealed record LibTorchStatus(LibTorchLocation Location, string? Warning, string? CudaProblem)
{
    /// <summary>Why <c>torch.cuda.is_available()</c> is false, for a message; call it only when it is.</summary>
    public string NoCudaReason => this switch
    {
        { Location.Source: LibTorchSource.Bundled } =>
            "the libtorch backend in use is CPU-only or no GPU is visible. Use 'cpu' or 'auto', build with a CUDA libtorch package (LibTorchPackage), or run the GPU bundle on a PyTorch's libtorch (docs/gpu.md)",
        { CudaProblem: { } problem } => problem,
        _ => $"{Location.CudaLibrary} loaded, but libtorch sees no GPU (check nvidia-smi and CUDA_VISIBLE_DEVICES)",
    };
}
