using System;
using System.Collections.Generic;

namespace NetDsl.Nn;

/// <summary>
/// Thrown by a generated network or block when its input has the wrong rank, channel count or spatial size, before
/// libtorch would fail deep inside a convolution.
/// </summary>
public sealed class InputShapeException : ArgumentException
{
    private readonly string message;

    /// <summary>Creates the exception for <paramref name="module"/>.</summary>
    /// <param name="module">The module that rejected its input, e.g. <c>ResNet50</c>.</param>
    /// <param name="expected">The expected shape as written in the message, e.g. <c>[N, 3, 224, 224]</c>.</param>
    /// <param name="actual">The shape that was passed.</param>
    public InputShapeException(string module, string expected, IReadOnlyList<long> actual)
        : base(null, "input")
    {
        message = $"{module} expects input {expected} but got [{string.Join(", ", actual)}].";
        Module = module;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The module that rejected its input.</summary>
    public string Module { get; }

    /// <summary>The expected shape, e.g. <c>[N, 3, 224, 224]</c> or <c>[N, 64, H, W]</c>.</summary>
    public string Expected { get; }

    /// <summary>The shape that was passed.</summary>
    public IReadOnlyList<long> Actual { get; }

    /// <summary>The whole message, without ArgumentException's "(Parameter 'input')" suffix.</summary>
    public override string Message => message;
}
