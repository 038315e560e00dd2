using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Shapes
{
    internal sealed partial class ShapeWalker
    {
        private TensorShape? Concat(ConcatLayer concat, TensorShape input, Frame frame, string prefix)
        {
            var outputs = new List<(Branch Branch, TensorShape Shape, string Changed)>();
            foreach (var branch in concat.Branches)
            {
                var single = branch.Layers.Count == 1 || branch.Flat;
                var branchPath = Frame.Join(prefix, branch.Name);
                var (shape, changed) = single
                    ? WalkBranch(branch.Layers, input, frame, prefix)
                    : Branch(branchPath, frame, input, branch.Layers);
                if (shape is null)
                {
                    return null;
                }

                outputs.Add((branch, shape, changed));
            }

            var first = outputs[0];
            foreach (var other in outputs.Skip(1))
            {
                if (first.Shape.Dims.Count != 3 || other.Shape.Dims.Count != 3 || first.Shape.Dims[1] != other.Shape.Dims[1] || first.Shape.Dims[2] != other.Shape.Dims[2])
                {
                    _diagnostics.Add(DiagnosticDescriptors.ConcatSpatial, other.Branch.Span, frame.Where, other.Branch.Name, other.Shape, first.Branch.Name, first.Shape, other.Changed);
                    return null;
                }
            }

            return TensorShape.Chw(outputs.Sum(o => o.Shape.Channels), first.Shape.Dims[1], first.Shape.Dims[2]);
        }

        private (TensorShape? Shape, string Changed) Branch(string path, Frame frame, TensorShape input, IEnumerable<Layer> layers)
        {
            var changed = string.Empty;
            var output = Container(path, "Sequential", frame, input, () =>
            {
                var (shape, what) = WalkBranch(layers, input, frame with { Depth = frame.Depth + 1 }, path);
                changed = what;
                return shape;
            });
            return (output, changed);
        }

        /// <summary>Walks a branch's layers, noting every one that changes the spatial size, in order (for the message).</summary>
        private (TensorShape? Shape, string Changed) WalkBranch(IEnumerable<Layer> layers, TensorShape input, Frame frame, string prefix)
        {
            var changes = new List<string>();
            TensorShape? shape = input;
            foreach (var layer in layers)
            {
                var before = shape!;
                shape = Walk(new[] { layer }, before, frame, prefix);
                if (shape is null)
                {
                    return (null, string.Empty);
                }

                if (shape.Dims.Count != before.Dims.Count || (shape.Dims.Count == 3 && (shape.Dims[1] != before.Dims[1] || shape.Dims[2] != before.Dims[2])))
                {
                    changes.Add($"'{Frame.Join(prefix, layer.Name)}' at {layer.Span} ({before} → {shape})");
                }
            }

            var changed = changes.Count == 0
                ? "no layer of the branch changes the size"
                : "the size is changed by " + string.Join(", then ", changes);
            return (shape, changed);
        }
    }
}
