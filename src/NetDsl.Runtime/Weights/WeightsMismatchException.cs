using System;

namespace NetDsl.Runtime.Weights;

/// <summary>A weights file that does not fit the model (missing or unexpected keys, other shapes); the model is unchanged.</summary>
public sealed class WeightsMismatchException : Exception
{
    /// <summary>Creates the exception with the whole explanation.</summary>
    public WeightsMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the whole explanation and its cause.</summary>
    public WeightsMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
