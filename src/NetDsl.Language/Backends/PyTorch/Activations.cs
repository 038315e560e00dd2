using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>The PyTorch function of each activation.</summary>
internal static class Activations
{
    /// <summary><c>F.relu</c>, <c>torch.sigmoid</c>, …; null for none.</summary>
    public static string? Function(Activation activation) => activation switch
    {
        Activation.Relu => "F.relu",
        Activation.Relu6 => "F.relu6",
        Activation.LeakyRelu => "F.leaky_relu",
        Activation.Sigmoid => "torch.sigmoid",
        Activation.Tanh => "torch.tanh",
        Activation.Gelu => "F.gelu",
        Activation.Silu => "F.silu",
        _ => null,
    };
}
