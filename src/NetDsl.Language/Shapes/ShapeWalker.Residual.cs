using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Shapes
{
    internal sealed partial class ShapeWalker
    {
        private TensorShape? Residual(ResidualLayer residual, TensorShape input, Frame frame, string prefix)
        {
            var afterPre = Walk(residual.Pre, input, frame, prefix);
            var body = Walk(residual.Body, afterPre, frame, prefix);
            if (afterPre is null || body is null || _evaluator.Evaluate(residual.Scale, frame) is null)
            {
                return null;
            }

            var shortcut = residual.Shortcut;
            var where = frame.Where;
            var path = Frame.Join(prefix, shortcut.Name);
            switch (shortcut.Kind)
            {
                case ShortcutKind.Auto when body == input:
                case ShortcutKind.Identity:
                    return Matches(residual, where, body, input) ? body : null;
                case ShortcutKind.Auto:
                case ShortcutKind.Projection:
                    return Projection(residual, where, afterPre, body, frame, path);
                case ShortcutKind.ZeroPad:
                    return ZeroPad(residual, where, input, body, frame, path);
                default:
                    var custom = Container(path, "Sequential", frame, input, () => Walk(shortcut.Layers, input, frame with { Depth = frame.Depth + 1 }, path));
                    return custom is not null && Matches(residual, where, body, custom) ? body : null;
            }
        }

        private bool Matches(ResidualLayer residual, string where, TensorShape body, TensorShape shortcut)
        {
            if (body == shortcut)
            {
                return true;
            }

            if (body.Dims.Count != shortcut.Dims.Count || body.Channels != shortcut.Channels)
            {
                _diagnostics.Add(DiagnosticDescriptors.ResidualChannels, residual.Span, where, body, shortcut, body.Channels, shortcut.Channels);
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.ResidualSpatial, residual.Span, where, body, shortcut, Spatial(body), Spatial(shortcut));
            }

            return false;
        }

        private TensorShape? Projection(ResidualLayer residual, string where, TensorShape input, TensorShape body, Frame frame, string path)
        {
            if (input.Dims.Count != 3 || body.Dims.Count != 3)
            {
                return Matches(residual, where, body, input) ? body : null;
            }

            var (sh, sw) = TotalStride(residual, frame);
            var projected = TensorShape.Chw(body.Channels, (int)OutputSize.Conv(input.Dims[1], 1, sh, 0, 1), (int)OutputSize.Conv(input.Dims[2], 1, sw, 0, 1));
            if (projected != body)
            {
                _diagnostics.Add(DiagnosticDescriptors.ProjectionMismatch, residual.Span, where, sh == sw ? sh.ToString() : $"[{sh}, {sw}]", input, projected, body);
                return null;
            }

            var weights = (long)body.Channels * input.Channels;
            return Container(path, "Sequential", frame, input, () =>
            {
                var inner = frame with { Depth = frame.Depth + 1 };
                var conv = Leaf(path + ".0", "Conv2d", inner, input, body, weights, weights * body.Dims[1] * body.Dims[2]);
                return residual.Shortcut.Norm is null ? conv : Leaf(path + ".1", "BatchNorm2d", inner, body, body, 2L * body.Channels, 0);
            });
        }

        private TensorShape? ZeroPad(ResidualLayer residual, string where, TensorShape input, TensorShape body, Frame frame, string path)
        {
            if (input.Dims.Count != 3 || body.Dims.Count != 3)
            {
                return Matches(residual, where, body, input) ? body : null;
            }

            var (sh, sw) = TotalStride(residual, frame);
            var subsampled = TensorShape.Chw(input.Channels, (input.Dims[1] + sh - 1) / sh, (input.Dims[2] + sw - 1) / sw);
            if (body.Channels < input.Channels)
            {
                _diagnostics.Add(DiagnosticDescriptors.ZeroPadShortcut, residual.Span, where, input, body, $"zero padding can only add channels ({input.Channels} > {body.Channels})");
                return null;
            }

            if (subsampled.Dims[1] != body.Dims[1] || subsampled.Dims[2] != body.Dims[2])
            {
                _diagnostics.Add(DiagnosticDescriptors.ZeroPadShortcut, residual.Span, where, input, body, $"subsampling by the body's stride {sh} gives {Spatial(subsampled)}, not {Spatial(body)}");
                return null;
            }

            return Leaf(path, "ZeroPadShortcut", frame, input, body, 0, 0);
        }

        /// <summary>The product of the strides of the body's convs and pools, the stride a projection needs.</summary>
        private (int H, int W) TotalStride(ResidualLayer residual, Frame frame)
        {
            var (h, w) = (1, 1);
            foreach (var stride in residual.Body.Select(l => l switch { ConvLayer c => c.Stride, PoolLayer p => p.Stride, _ => null }))
            {
                if (stride is not null && _evaluator.Evaluate(stride.H, frame) is { } sh && _evaluator.Evaluate(stride.W, frame) is { } sw)
                {
                    (h, w) = (h * (int)sh.Number, w * (int)sw.Number);
                }
            }

            return (h, w);
        }

        private static string Spatial(TensorShape shape) => shape.Dims.Count == 3 ? $"{shape.Dims[1]}×{shape.Dims[2]}" : shape.ToString();
    }
}
