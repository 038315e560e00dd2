namespace NetDsl.Runtime.Native;

/// <summary>Where the libtorch a process uses was found.</summary>
public enum LibTorchSource
{
    /// <summary>Beside TorchSharp.dll: the program was built with a libtorch package (<c>LibTorchPackage</c>).</summary>
    Bundled,

    /// <summary>The folder <c>NETDSL_LIBTORCH</c> names.</summary>
    Environment,

    /// <summary>The <c>torch/lib</c> folder of the PyTorch that <c>python3 -c 'import torch'</c> imports.</summary>
    Python,
}
