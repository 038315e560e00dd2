using static TorchSharp.torch;

namespace NetDsl.Nn;

/// <summary>The forward-time input checks generated networks and blocks call first.</summary>
public static class InputCheck
{
    /// <summary>Checks that <paramref name="input"/> is [N, C, H, W] with a size the network accepts.</summary>
    /// <param name="input">The batch passed to <c>forward</c>.</param>
    /// <param name="module">The module's name, for the message.</param>
    /// <param name="accepted">The inputs the network accepts.</param>
    /// <exception cref="InputShapeException">The shape is not accepted, e.g. "ResNet50 expects input [N, 3, 32.., 32..] but got [8, 1, 28, 28]."</exception>
    public static void Expect(Tensor input, string module, InputSizes accepted)
    {
        var shape = input.shape;
        if (!accepted.Accepts(shape))
        {
            throw new InputShapeException(module, $"[N, {accepted.Channels}, {accepted.Height}, {accepted.Width}]", shape);
        }
    }

    /// <summary>Checks that <paramref name="input"/> has rank 4 and <paramref name="channels"/> channels (blocks accept any spatial size).</summary>
    /// <param name="input">The batch passed to <c>forward</c>.</param>
    /// <param name="module">The module's name, for the message.</param>
    /// <param name="channels">Expected channels.</param>
    /// <exception cref="InputShapeException">The rank or channel count differs, e.g. "InceptionA expects input [N, 384, H, W] but got [8, 192, 35, 35]."</exception>
    public static void ExpectChannels(Tensor input, string module, long channels)
    {
        var shape = input.shape;
        if (shape.Length != 4 || shape[1] != channels)
            throw new InputShapeException(module, $"[N, {channels}, H, W]", shape);
    }
}
