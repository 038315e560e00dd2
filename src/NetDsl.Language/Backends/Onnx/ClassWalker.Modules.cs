using System.Globalization;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>The nodes of each kind of module, with the arguments the plan gives it evaluated at this instance's values.</summary>
internal sealed partial class ClassWalker
{
    /// <summary>Ends every Slice: past any height or width (ONNX clamps it to the dimension).</summary>
    private const long SliceEnd = int.MaxValue;

    private string Module(ModulePlan module, string path, string x)
    {
        var origin = new Origin(path, module.Span);
        switch (module)
        {
            case ConvPlan conv:
                return Conv(conv, path, origin, x);
            case BatchNormPlan norm:
                return BatchNorm(norm.Norm, path, origin, x);
            case ConvUnitPlan unit when unit.Order == ConvOrder.Pre:
                var normalised = BatchNorm(unit.Norm, Frame.Join(path, "bn"), origin, x);
                return Conv(unit.Conv, Frame.Join(path, "conv"), origin, OnnxActivations.Apply(_graph, unit.Act, origin, normalised));
            case ConvUnitPlan unit:
                var convolved = Conv(unit.Conv, Frame.Join(path, "conv"), origin, x);
                return OnnxActivations.Apply(_graph, unit.Act, origin, BatchNorm(unit.Norm, Frame.Join(path, "bn"), origin, convolved));
            case PoolPlan pool:
                return Pool(pool.Kind, Values.Pair(pool.Kernel, _env), Values.Pair(pool.Stride, _env), Values.Pair(pool.Padding, _env), pool.CeilMode, pool.CountIncludePad, origin, x);
            case AdaptivePoolPlan pool:
                return AdaptivePool(pool, origin, x);
            case DropoutPlan:
                return x;
            case LinearPlan linear:
                return Linear(linear, path, origin, x);
            case FlattenPlan:
                return _graph.Builder.Node("Flatten", origin, 1, new[] { x }, OnnxAttribute.Of("axis", 1L));
            case ActivationPlan activation:
                return OnnxActivations.Apply(_graph, activation.Kind, origin, x);
            case BlockPlan block:
                return Block(block.Block, Values.Int(block.In, _env), block.Args, path, x);
            case SequentialPlan sequential:
                return sequential.Entries.Aggregate(x, (current, entry) => Module(entry.Module, Frame.Join(path, entry.Key), current));
            case RepeatPlan repeat:
                var count = Values.Int(repeat.Count, _env);
                for (var i = 0; i < count; i++)
                {
                    var inChannels = Values.Int(i == 0 ? repeat.FirstIn : repeat.RestIn, _env);
                    x = Block(repeat.Block, inChannels, repeat.ArgumentsAt(i), Frame.Join(path, i.ToString(CultureInfo.InvariantCulture)), x);
                }

                return x;
            case ZeroPadPlan zero:
                return ZeroPad(zero, origin, x);
            default:
                throw new System.InvalidOperationException("Unknown module " + module.GetType().Name + ".");
        }
    }

    private string Block(BlockRef block, long inChannels, EquatableArray<ArgumentPlan> args, string path, string x)
    {
        var plan = _graph.Network.Block(block.Name);
        return new ClassWalker(_graph, plan, Values.Block(plan, inChannels, args, _env), path).Walk(x);
    }

    private string Conv(ConvPlan conv, string path, Origin origin, string x)
    {
        var (kh, kw) = Values.Pair(conv.Kernel, _env);
        var (sh, sw) = Values.Pair(conv.Stride, _env);
        var (ph, pw) = Values.Pair(conv.Padding, _env);
        var (dh, dw) = Values.Pair(conv.Dilation, _env);
        var inputs = conv.Bias
            ? new[] { x, _graph.Builder.Weight(path + ".weight"), _graph.Builder.Weight(path + ".bias") }
            : new[] { x, _graph.Builder.Weight(path + ".weight") };
        return _graph.Builder.Node(
            "Conv",
            origin,
            1,
            inputs,
            OnnxAttribute.Of("kernel_shape", kh, kw),
            OnnxAttribute.Of("strides", sh, sw),
            OnnxAttribute.Of("pads", ph, pw, ph, pw),
            OnnxAttribute.Of("dilations", dh, dw),
            OnnxAttribute.Of("group", Values.Int(conv.Groups, _env)));
    }

    /// <summary>An eval-mode batch norm (running statistics); its <c>num_batches_tracked</c> is not read.</summary>
    private string BatchNorm(NormSpec norm, string path, Origin origin, string x)
    {
        var b = _graph.Builder;
        return b.Node(
            "BatchNormalization",
            origin,
            7,
            new[] { x, b.Weight(path + ".weight"), b.Weight(path + ".bias"), b.Weight(path + ".running_mean"), b.Weight(path + ".running_var") },
            OnnxAttribute.Of("epsilon", norm.Eps));
    }

    private string Pool(PoolKind kind, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding, bool ceilMode, bool countIncludePad, Origin origin, string x)
    {
        var attributes = new System.Collections.Generic.List<OnnxAttribute>
        {
            OnnxAttribute.Of("kernel_shape", kernel.H, kernel.W),
            OnnxAttribute.Of("strides", stride.H, stride.W),
            OnnxAttribute.Of("pads", padding.H, padding.W, padding.H, padding.W),
        };
        if (ceilMode)
        {
            attributes.Add(OnnxAttribute.Of("ceil_mode", 1L));
        }

        if (kind == PoolKind.Avg)
        {
            attributes.Add(OnnxAttribute.Of("count_include_pad", countIncludePad ? 1L : 0L));
        }

        return _graph.Builder.Node(kind == PoolKind.Max ? "MaxPool" : "AveragePool", origin, ceilMode ? 10 : 7, new[] { x }, attributes.ToArray());
    }

    /// <summary>
    /// 1×1: a global pool. Another size: the fixed window it is at the exported input when the size divides the
    /// input's evenly (then the graph's input size is fixed); otherwise it cannot be written with ONNX's pools.
    /// </summary>
    private string AdaptivePool(AdaptivePoolPlan pool, Origin origin, string x)
    {
        var (oh, ow) = Values.Pair(pool.Size, _env);
        if (oh == 1 && ow == 1)
        {
            return _graph.Builder.Node(pool.Kind == PoolKind.Max ? "GlobalMaxPool" : "GlobalAveragePool", origin, 1, new[] { x });
        }

        var input = _graph.Instance.Layers[origin.Layer].Input;
        var (h, w) = (input.Dims[1], input.Dims[2]);
        if (h % oh != 0 || w % ow != 0)
        {
            throw new NotExportableException(
                origin.Span,
                $"the adaptive pool '{origin.Layer}' pools [{h}, {w}] to [{oh}, {ow}], which no fixed ONNX pooling window does (the size must divide evenly); export at an input size where it does, or pool with a fixed window in the spec");
        }

        _graph.NeedsFixedSize = true;
        var kernel = (h / oh, w / ow);
        return Pool(pool.Kind, kernel, kernel, (0, 0), ceilMode: false, countIncludePad: true, origin, x);
    }

    private string Linear(LinearPlan linear, string path, Origin origin, string x)
    {
        var b = _graph.Builder;
        var inputs = linear.Bias ? new[] { x, b.Weight(path + ".weight"), b.Weight(path + ".bias") } : new[] { x, b.Weight(path + ".weight") };
        return b.Node("Gemm", origin, linear.Bias ? 7 : 11, inputs, OnnxAttribute.Of("transB", 1L));
    }

    /// <summary>NetDsl.Nn's ZeroPadShortcut: <c>x[:, :, ::sh, ::sw]</c>, then zero channels appended up to the output's.</summary>
    private string ZeroPad(ZeroPadPlan zero, Origin origin, string x)
    {
        var (inChannels, outChannels) = (Values.Int(zero.In, _env), Values.Int(zero.Out, _env));
        var (sh, sw) = Values.Pair(zero.Stride, _env);
        var b = _graph.Builder;
        if (sh != 1 || sw != 1)
        {
            x = b.Node(
                "Slice",
                origin,
                10,
                new[] { x, b.Int64s(origin.Layer + ".starts", 0, 0), b.Int64s(origin.Layer + ".ends", SliceEnd, SliceEnd), b.Int64s(origin.Layer + ".axes", 2, 3), b.Int64s(origin.Layer + ".steps", sh, sw) });
        }

        if (outChannels > inChannels)
        {
            x = b.Node("Pad", origin, 11, new[] { x, b.Int64s(origin.Layer + ".pads", 0, 0, 0, 0, 0, outChannels - inChannels, 0, 0) });
        }

        return x;
    }
}
