using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering;

internal sealed partial class LayerLowerer
{
    private ConvLayer? Conv(KeyedMap map, YamlScalar key)
    {
        var outNode = map.Get("out");
        var kNode = map.Get("k");
        if (outNode is null || kNode is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Own?.Span ?? key.Span, "conv", outNode is null ? "out" : "k");
            return null;
        }

        var outChannels = _read.Int("out", outNode);
        var kernel = _read.Pair("k", kNode);
        var stride = OptionalRef(map, "s", n => _read.Pair("s", n), One());
        var dilation = OptionalRef(map, "dilation", n => _read.Pair("dilation", n), One());
        var groups = OptionalRef(map, "groups", n => _read.Int("groups", n), Expr.Int(1));
        var hasNorm = Optional(map, "norm", n => _read.Choice("norm", n, LayerKinds.Norms), false);
        var bias = Optional(map, "bias", n => _read.Bool("bias", n), !hasNorm);
        var act = Optional(map, "act", n => _read.Choice("act", n, LayerKinds.ActivationOrNone), Activation.None);
        var order = Optional(map, "order", n => _read.Choice("order", n, LayerKinds.Orders), ConvOrder.Post);
        var wrap = Optional(map, "wrap", n => _read.Bool("wrap", n), false);
        var normName = map.Get("norm_name") is { } nn ? _read.Identifier("norm_name", nn) : null;
        var norm = Norm(map);
        var padNode = map.Get("pad");
        var mode = padNode is YamlScalar { Value: "same" } ? PaddingMode.Same : padNode is YamlScalar { Value: "valid" } ? PaddingMode.Valid : PaddingMode.Explicit;
        if (outChannels is null || kernel is null || stride is null || dilation is null || groups is null)
        {
            return null;
        }

        var padding = mode switch
        {
            PaddingMode.Same => new Pair(SamePadding(kernel.H, dilation.H), SamePadding(kernel.W, dilation.W)),
            PaddingMode.Valid => Zero(),
            _ => padNode is null ? Zero() : _read.Pair("pad", padNode),
        };

        return padding is null ? null : new ConvLayer(outChannels, kernel, stride, mode, padding, dilation, groups, bias, hasNorm ? norm : null, act, order, wrap)
        {
            NormName = hasNorm ? normName : null,
        };
    }

    /// <summary>dilation·(k−1)/2, folded to a literal when both are literals.</summary>
    private static Expr SamePadding(Expr kernel, Expr dilation) =>
        kernel is NumberExpr k && dilation is NumberExpr d
            ? Expr.Int((int)(d.Value * (k.Value - 1) / 2), kernel.Span)
            : new BinaryExpr(BinaryOp.Divide, new BinaryExpr(BinaryOp.Multiply, dilation, new BinaryExpr(BinaryOp.Subtract, kernel, Expr.Int(1))), Expr.Int(2)) { Span = kernel.Span };

    private NormSpec Norm(KeyedMap map) => new(
        Optional(map, "eps", n => _read.Literal("eps", n), 1e-5),
        Optional(map, "momentum", n => _read.Literal("momentum", n), 0.1));

    private PoolLayer? Pool(PoolKind kind, KeyedMap map, YamlScalar key)
    {
        if (map.Get("k") is not { } kNode)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Own?.Span ?? key.Span, kind == PoolKind.Max ? "maxpool" : "avgpool", "k");
            return null;
        }

        var kernel = _read.Pair("k", kNode);
        var stride = map.Get("s") is { } s ? _read.Pair("s", s) : kernel;
        var padding = OptionalRef(map, "pad", n => _read.Pair("pad", n), Zero());
        var ceil = Optional(map, "ceil", n => _read.Bool("ceil", n), false);
        var countPad = Optional(map, "count_include_pad", n => _read.Bool("count_include_pad", n), true);
        return kernel is null || stride is null || padding is null ? null : new PoolLayer(kind, kernel, stride, padding, ceil, countPad);
    }

    /// <summary><c>adaptiveavgpool: 7</c>, <c>adaptiveavgpool: [6, 6]</c> or <c>adaptiveavgpool: { out: [6, 6] }</c>.</summary>
    private AdaptivePoolLayer? AdaptivePool(PoolKind kind, YamlNode? value, YamlScalar key)
    {
        if (value is YamlMap map)
        {
            KeyedMap.Validate(key.Value, map, LayerKinds.AdaptivePool, Diagnostics);
            value = map.Get("out");
        }

        if (value is null or YamlScalar { Value: "" })
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, key.Span, key.Value, "out");
            return null;
        }

        return _read.Pair("out", value) is { } size ? new AdaptivePoolLayer(kind, size) : null;
    }

    private DropoutLayer? Dropout(YamlNode? value, YamlScalar key)
    {
        if (value is YamlMap map)
        {
            KeyedMap.Validate("dropout", map, LayerKinds.Dropout, Diagnostics);
            value = map.Get("p");
        }

        if (value is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, key.Span, "dropout", "p");
            return null;
        }

        var p = _read.Expression("p", value);
        if (p is NumberExpr n && (n.Value < 0 || n.Value > 1))
        {
            Diagnostics.Add(DiagnosticDescriptors.BadValue, p.Span, "p", "dropout", n, "a probability must be between 0 and 1");
            return null;
        }

        return p is null ? null : new DropoutLayer(p);
    }

    private LinearLayer? Linear(KeyedMap map, YamlScalar key)
    {
        if (map.Get("out") is not { } outNode)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingKey, map.Own?.Span ?? key.Span, "linear", "out");
            return null;
        }

        var features = _read.Int("out", outNode);
        var bias = Optional(map, "bias", n => _read.Bool("bias", n), true);
        return features is null ? null : new LinearLayer(features, bias);
    }
}
