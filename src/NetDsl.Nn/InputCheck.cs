using static TorchSharp.torch;

namespace NetDsl.Nn;

/// <summary>The forward-time input checks generated networks and blocks call first.</summary>
public static class InputCheck
{
    /// <summary>Checks that <paramref name="input"/> is [N, <paramref name="channels"/>, <paramref name="height"/>, <paramref name="width"/>].</summary>
    /// <param name="input">The batch passed to <c>forward</c>.</param>
    /// <param name="module">The module's name, for the message.</param>
    /// <param name="channels">Expected channels.</param>
    /// <param name="height">Expected height.</param>
    /// <param name="width">Expected width.</param>
    /// <exception cref="InputShapeException">The shape differs, e.g. "ResNet50 expects input [N, 3, 224, 224] but got [8, 1, 28, 28]."</exception>
    public static void Expect(Tensor input, string module, long channels, long height, long width)
    {
        var shape = input.shape;
        if (shape.Length != 4 || shape[1] != channels || shape[2] != height || shape[3] != width)
            throw new InputShapeException(module, $"[N, {channels}, {height}, {width}]", shape);
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
