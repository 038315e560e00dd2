using System;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Nn;

/// <summary>Applies an <see cref="Activation"/> to a tensor, the way generated <c>forward</c> methods do.</summary>
public static class Activations
{
    /// <summary>
    /// Applies <paramref name="activation"/> to <paramref name="x"/>. Returns a new tensor, except for
    /// <see cref="Activation.None"/>, which returns <paramref name="x"/> itself.
    /// </summary>
    /// <param name="x">The input tensor; it is not modified.</param>
    /// <param name="activation">The activation to apply.</param>
    /// <returns>The activated tensor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is not a defined value.</exception>
    public static Tensor Apply(Tensor x, Activation activation) => activation switch
    {
        Activation.None => x,
        Activation.ReLU => nn.functional.relu(x),
        Activation.ReLU6 => nn.functional.relu6(x),
        Activation.LeakyReLU => nn.functional.leaky_relu(x),
        Activation.Sigmoid => torch.sigmoid(x),
        Activation.Tanh => torch.tanh(x),
        Activation.GELU => nn.functional.gelu(x),
        Activation.SiLU => nn.functional.silu(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
