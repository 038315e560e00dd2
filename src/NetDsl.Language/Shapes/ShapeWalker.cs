using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Shapes
{
    /// <summary>
    /// Walks instantiated layers computing [C, H, W] (or [F]), parameters and multiply-adds, and records a summary
    /// row per module. A failed layer reports a diagnostic and yields null, which ends its path's walk.
    /// </summary>
    internal sealed partial class ShapeWalker
    {
        public const int MaxLayers = 100_000;

        private readonly DiagnosticBag _diagnostics;
        private readonly Evaluator _evaluator;
        private readonly IReadOnlyDictionary<string, BlockDef> _blocks;
        private readonly List<LayerSummary> _rows = new();
        private readonly Dictionary<string, TensorShape> _networkOutputs = new();
        private int _instantiated;

        public ShapeWalker(DiagnosticBag diagnostics, IReadOnlyDictionary<string, BlockDef> blocks)
        {
            _diagnostics = diagnostics;
            _evaluator = new Evaluator(diagnostics);
            _blocks = blocks;
        }

        public IReadOnlyList<LayerSummary> Rows => _rows;

        public long Parameters { get; private set; }

        public long MultiplyAdds { get; private set; }

        public TensorShape? Walk(IEnumerable<Layer> layers, TensorShape? shape, Frame frame, string prefix)
        {
            foreach (var layer in layers)
            {
                if (shape is null)
                {
                    return null;
                }

                if (++_instantiated > MaxLayers)
                {
                    _diagnostics.Add(DiagnosticDescriptors.TooLarge, layer.Span, "the network", $"{MaxLayers} instantiated layers");
                    throw new TooLargeException();
                }

                try
                {
                    shape = WalkLayer(layer, shape, frame, prefix);
                    if (shape is not null && frame.Depth == 0 && prefix.Length == 0 && layer.Name.Length > 0)
                    {
                        _networkOutputs[layer.Name] = shape;
                    }
                }
                catch (OverflowException)
                {
                    // Sizes and counts are checked arithmetic (see the project file): absurd channel counts end here.
                    _diagnostics.Add(DiagnosticDescriptors.TooLarge, layer.Span, $"the size of '{Frame.Join(prefix, layer.Name)}'", "64-bit integer arithmetic");
                    return null;
                }
            }

            return shape;
        }

        private TensorShape? WalkLayer(Layer layer, TensorShape input, Frame frame, string prefix)
        {
            var path = layer.Name.Length == 0 ? string.Empty : Frame.Join(prefix, layer.Name);
            switch (layer)
            {
                case ConvLayer conv:
                    return Conv(conv, input, frame, path);
                case BatchNormLayer:
                    return NeedsChw(layer, "bn", input, frame, path) ? Leaf(path, "BatchNorm2d", frame, input, input, 2L * input.Channels, 0) : null;
                case ActivationLayer activation:
                    return Leaf(path, activation.Kind.ToString(), frame, input, input, 0, 0);
                case DropoutLayer dropout:
                    return _evaluator.Evaluate(dropout.P, frame) is null ? null : Leaf(path, "Dropout", frame, input, input, 0, 0);
                case FlattenLayer:
                    return NeedsChw(layer, "flatten", input, frame, path) ? Flatten(layer, input, frame, path) : null;
                case GlobalPoolLayer global:
                    return NeedsChw(layer, "global pool", input, frame, path)
                        ? Leaf(path, global.Kind == PoolKind.Max ? "AdaptiveMaxPool2d" : "AdaptiveAvgPool2d", frame, input, TensorShape.Chw(input.Channels, 1, 1), 0, 0)
                        : null;
                case AdaptivePoolLayer adaptive:
                    return AdaptivePool(adaptive, input, frame, path);
                case AuxHeadLayer aux:
                    return AuxHead(aux, input, frame, path);
                case PoolLayer pool:
                    return Pool(pool, input, frame, path);
                case LinearLayer linear:
                    return Linear(linear, input, frame, path);
                case ConcatLayer concat:
                    return Concat(concat, input, frame, prefix);
                case ResidualLayer residual:
                    return Residual(residual, input, frame, prefix);
                case SequenceLayer sequence:
                    return Container(path, "Sequential", frame, input, () => Walk(sequence.Layers, input, frame with { Depth = frame.Depth + 1 }, path));
                case BlockLayer block:
                    return Block(block.Block, block.Args, block, input, frame, path);
                case RepeatLayer repeat:
                    return Repeat(repeat, input, frame, path);
                default:
                    throw new InvalidOperationException("unknown layer " + layer.GetType().Name);
            }
        }

        private TensorShape? Conv(ConvLayer conv, TensorShape input, Frame frame, string path)
        {
            if (!NeedsChw(conv, "conv", input, frame, path))
            {
                return null;
            }

            var what = Label("conv", path, frame);
            var outChannels = _evaluator.Int(conv.Out, frame, "out", what, 1);
            var groups = _evaluator.Int(conv.Groups, frame, "groups", what, 1);
            var kernel = Pair(conv.Kernel, frame, "k", what, 1);
            var stride = Pair(conv.Stride, frame, "s", what, 1);
            var padding = Pair(conv.Padding, frame, "pad", what, 0);
            var dilation = Pair(conv.Dilation, frame, "dilation", what, 1);
            if (outChannels is not { } cout || groups is not { } g || kernel is not { } k || stride is not { } s || padding is not { } p || dilation is not { } d)
            {
                return null;
            }

            var effective = (H: (d.H * (k.H - 1)) + 1, W: (d.W * (k.W - 1)) + 1);
            if (conv.PaddingMode == PaddingMode.Same && (effective.H % 2 == 0 || effective.W % 2 == 0))
            {
                _diagnostics.Add(DiagnosticDescriptors.SameNeedsOddKernel, conv.Span, path, $"[{effective.H}, {effective.W}]");
                return null;
            }

            var cin = input.Channels;
            if (cin % g != 0 || cout % g != 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.GroupsDoNotDivide, conv.Span, what, g, cin, cout);
                return null;
            }

            var (h, w) = (input.Dims[1], input.Dims[2]);
            if (h + (2 * p.H) < effective.H || w + (2 * p.W) < effective.W)
            {
                _diagnostics.Add(DiagnosticDescriptors.KernelTooLarge, conv.Span, what, $"[{effective.H}, {effective.W}]", $"[{h + (2 * p.H)}, {w + (2 * p.W)}]", input);
                return null;
            }

            var output = Spatial(conv, what, input, cout, OutputSize.Conv(h, k.H, s.H, p.H, d.H), OutputSize.Conv(w, k.W, s.W, p.W, d.W));
            if (output is null)
            {
                return null;
            }

            var weights = ((long)cout * (cin / g) * k.H * k.W) + (conv.Bias ? cout : 0);
            var macs = (long)cout * output.Dims[1] * output.Dims[2] * (cin / g) * k.H * k.W;
            var normParams = conv.Norm is null ? 0 : 2L * (conv.Order == ConvOrder.Pre ? cin : cout);
            if (conv.Wrap)
            {
                return Leaf(path, conv.Order == ConvOrder.Pre ? "NormActConv" : "ConvNormAct", frame, input, output, weights + normParams, macs);
            }

            var normPath = Frame.Join(Parent(path), conv.NormName ?? string.Empty);
            if (conv.Norm is not null && conv.Order == ConvOrder.Pre)
            {
                Leaf(normPath, "BatchNorm2d", frame, input, input, normParams, 0);
            }

            Leaf(path, "Conv2d", frame, input, output, weights, macs);
            if (conv.Norm is not null && conv.Order == ConvOrder.Post)
            {
                Leaf(normPath, "BatchNorm2d", frame, output, output, normParams, 0);
            }

            return output;
        }

        private TensorShape? Flatten(Layer layer, TensorShape input, Frame frame, string path)
        {
            var features = (long)input.Dims[0] * input.Dims[1] * input.Dims[2];
            if (features > int.MaxValue)
            {
                _diagnostics.Add(DiagnosticDescriptors.TooLarge, layer.Span, $"{Label("flatten", path, frame)}: {input} flattened ({features} features)", int.MaxValue);
                return null;
            }

            return Leaf(path, "Flatten", frame, input, TensorShape.Flat((int)features), 0, 0);
        }

        private TensorShape? Pool(PoolLayer pool, TensorShape input, Frame frame, string path)
        {
            var kind = pool.Kind == PoolKind.Max ? "maxpool" : "avgpool";
            if (!NeedsChw(pool, kind, input, frame, path))
            {
                return null;
            }

            var what = Label(kind, path, frame);
            var kernel = Pair(pool.Kernel, frame, "k", what, 1);
            var stride = Pair(pool.Stride, frame, "s", what, 1);
            var padding = Pair(pool.Padding, frame, "pad", what, 0);
            if (kernel is not { } k || stride is not { } s || padding is not { } p)
            {
                return null;
            }

            if (p.H > k.H / 2 || p.W > k.W / 2)
            {
                _diagnostics.Add(DiagnosticDescriptors.PoolPadding, pool.Span, what, $"[{p.H}, {p.W}]", $"[{k.H}, {k.W}]");
                return null;
            }

            var output = Spatial(pool, what, input, input.Channels,
                OutputSize.Pool(input.Dims[1], k.H, s.H, p.H, pool.CeilMode), OutputSize.Pool(input.Dims[2], k.W, s.W, p.W, pool.CeilMode));
            return output is null ? null : Leaf(path, pool.Kind == PoolKind.Max ? "MaxPool2d" : "AvgPool2d", frame, input, output, 0, 0);
        }

        private TensorShape? AdaptivePool(AdaptivePoolLayer pool, TensorShape input, Frame frame, string path)
        {
            var kind = pool.Kind == PoolKind.Max ? "adaptivemaxpool" : "adaptiveavgpool";
            if (!NeedsChw(pool, kind, input, frame, path) || Pair(pool.Size, frame, "out", Label(kind, path, frame), 1) is not { } size)
            {
                return null;
            }

            return Leaf(path, pool.Kind == PoolKind.Max ? "AdaptiveMaxPool2d" : "AdaptiveAvgPool2d", frame, input, TensorShape.Chw(input.Channels, size.H, size.W), 0, 0);
        }

        /// <summary>Walks the head on what its source layer output; the main path goes on with <paramref name="input"/>.</summary>
        private TensorShape? AuxHead(AuxHeadLayer aux, TensorShape input, Frame frame, string path)
        {
            var source = input;
            if (aux.From.Length > 0 && !_networkOutputs.TryGetValue(aux.From, out source))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownAuxSource, aux.FromSpan, path, aux.From, Suggestions.DidYouMean(aux.From, _networkOutputs.Keys));
                return null;
            }

            var output = Block(aux.Block, aux.Args, aux, source, frame, path);
            if (output is null)
            {
                return null;
            }

            if (output.Dims.Count != 1)
            {
                _diagnostics.Add(DiagnosticDescriptors.AuxOutputNotFlat, aux.Span, path, aux.Block, source, output);
                return null;
            }

            return input;
        }

        private TensorShape? Linear(LinearLayer linear, TensorShape input, Frame frame, string path)
        {
            if (input.Dims.Count != 1)
            {
                _diagnostics.Add(DiagnosticDescriptors.RankMismatch, linear.Span, Label("linear", path, frame), "a flat [F] input", input, "; add 'flatten' before it");
                return null;
            }

            if (_evaluator.Int(linear.Out, frame, "out", Label("linear", path, frame), 1) is not { } features)
            {
                return null;
            }

            var macs = (long)input.Channels * features;
            return Leaf(path, "Linear", frame, input, TensorShape.Flat(features), macs + (linear.Bias ? features : 0), macs);
        }

        private TensorShape? Spatial(Layer layer, string what, TensorShape input, int channels, long h, long w)
        {
            if (h < 1 || w < 1)
            {
                _diagnostics.Add(DiagnosticDescriptors.NonPositiveOutput, layer.Span, what, input, $"[{channels}, {h}, {w}]");
                return null;
            }

            return TensorShape.Chw(channels, (int)h, (int)w);
        }

        private bool NeedsChw(Layer layer, string kind, TensorShape input, Frame frame, string path)
        {
            if (input.Dims.Count == 3)
            {
                return true;
            }

            _diagnostics.Add(DiagnosticDescriptors.RankMismatch, layer.Span, Label(kind, path, frame), "a [C, H, W] input", input, string.Empty);
            return false;
        }

        private (int H, int W)? Pair(Pair pair, Frame frame, string key, string what, int min)
        {
            var h = _evaluator.Int(pair.H, frame, key, what, min);
            var w = _evaluator.Int(pair.W, frame, key, what, min);
            return h is null || w is null ? null : (h.Value, w.Value);
        }

        private TensorShape Leaf(string path, string kind, Frame frame, TensorShape input, TensorShape output, long parameters, long macs)
        {
            Parameters += parameters;
            MultiplyAdds += macs;
            if (path.Length > 0)
            {
                _rows.Add(new LayerSummary(path, kind, frame.Depth, input, output, parameters, macs));
            }

            return output;
        }

        /// <summary>Walks a module that holds others and records its totals as one row before its children's.</summary>
        private TensorShape? Container(string path, string kind, Frame frame, TensorShape input, Func<TensorShape?> walk)
        {
            var row = _rows.Count;
            var (parameters, macs) = (Parameters, MultiplyAdds);
            var output = walk();
            if (output is not null)
            {
                _rows.Insert(row, new LayerSummary(path, kind, frame.Depth, input, output, Parameters - parameters, MultiplyAdds - macs));
            }

            return output;
        }

        private static string Parent(string path)
        {
            var dot = path.LastIndexOf('.');
            return dot < 0 ? string.Empty : path.Substring(0, dot);
        }

        /// <summary><c>conv 'layer1.0.conv2' in block 'Bottleneck' (…)</c>.</summary>
        private static string Label(string kind, string path, Frame frame) =>
            (path.Length > 0 ? $"{kind} '{path}'" : kind) + " in " + frame.Where;

        /// <summary>Ends the walk once the layer limit is passed (reported where it was passed).</summary>
        internal sealed class TooLargeException : Exception
        {
        }
    }
}
