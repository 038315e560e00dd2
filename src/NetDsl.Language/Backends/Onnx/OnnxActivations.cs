using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>The nodes of each activation, as NetDsl.Nn applies it (LeakyReLU's slope 0.01, exact GELU).</summary>
internal static class OnnxActivations
{
    public static string Apply(GraphContext graph, Activation activation, Origin origin, string x)
    {
        var b = graph.Builder;
        switch (activation)
        {
            case Activation.None:
                return x;
            case Activation.Relu:
                return b.Node("Relu", origin, 6, new[] { x });
            case Activation.Relu6:
                return b.Node("Clip", origin, 11, new[] { x, b.Scalar(origin.Layer + ".min", 0), b.Scalar(origin.Layer + ".max", 6) });
            case Activation.LeakyRelu:
                return b.Node("LeakyRelu", origin, 6, new[] { x }, OnnxAttribute.Of("alpha", 0.01));
            case Activation.Sigmoid:
                return b.Node("Sigmoid", origin, 6, new[] { x });
            case Activation.Tanh:
                return b.Node("Tanh", origin, 6, new[] { x });
            case Activation.Silu:
                return b.Node("Mul", origin, 7, new[] { x, b.Node("Sigmoid", origin, 6, new[] { x }) });
            case Activation.Gelu when graph.Opset >= OnnxOpsets.Gelu:
                return b.Node("Gelu", origin, OnnxOpsets.Gelu, new[] { x });
            case Activation.Gelu:
                // x · ½ · (1 + erf(x / √2)), the exact form.
                var erf = b.Node("Erf", origin, 9, new[] { b.Node("Div", origin, 7, new[] { x, b.Scalar(origin.Layer + ".sqrt2", System.Math.Sqrt(2)) }) });
                var onePlus = b.Node("Add", origin, 7, new[] { erf, b.Scalar(origin.Layer + ".one", 1) });
                return b.Node("Mul", origin, 7, new[] { b.Node("Mul", origin, 7, new[] { x, onePlus }), b.Scalar(origin.Layer + ".half", 0.5) });
            default:
                throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }
}
