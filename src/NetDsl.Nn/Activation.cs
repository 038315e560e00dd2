namespace NetDsl.Nn;

/// <summary>The element-wise activations a layer may apply after (or, pre-activation, before) its convolution.</summary>
public enum Activation
{
    /// <summary>No activation: the identity.</summary>
    None,

    /// <summary>max(0, x).</summary>
    ReLU,

    /// <summary>min(max(0, x), 6).</summary>
    ReLU6,

    /// <summary>x for x ≥ 0, else 0.01·x (PyTorch's default slope).</summary>
    LeakyReLU,

    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh,

    /// <summary>x·Φ(x), the exact (erf) form.</summary>
    GELU,

    /// <summary>x·sigmoid(x), also called swish.</summary>
    SiLU,
}
