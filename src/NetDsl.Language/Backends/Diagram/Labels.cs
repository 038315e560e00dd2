using System.Collections.Generic;
using System.Globalization;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>The words in a diagram's boxes: a module's kind and its settings at the instance's parameter values.</summary>
internal static class Labels
{
    /// <summary>The separator between a conv and what is folded into its box.</summary>
    public const string Then = " · ";

    /// <summary><c>conv 3×3 /2</c>, <c>conv 1×7</c>, <c>conv 3×3 g32 d2</c>.</summary>
    public static string Conv(ConvPlan conv, IReadOnlyDictionary<string, Value> env)
    {
        var text = "conv " + Size(conv.Kernel, env) + Stride(conv.Stride, env);
        var groups = Number(conv.Groups, env);
        var dilation = Size(conv.Dilation, env);
        return text + (groups == "1" ? string.Empty : " g" + groups) + (dilation == "1×1" ? string.Empty : " d" + Square(dilation));
    }

    /// <summary><c>maxpool 3×3 /2</c>; a window whose stride is its size shows the size only.</summary>
    public static string Pool(PoolPlan pool, IReadOnlyDictionary<string, Value> env) =>
        (pool.Kind == PoolKind.Max ? "maxpool " : "avgpool ") + Size(pool.Kernel, env) + Stride(pool.Stride, env);

    /// <summary><c>global avgpool</c> or <c>adaptive avgpool 7×7</c>.</summary>
    public static string Adaptive(AdaptivePoolPlan pool, IReadOnlyDictionary<string, Value> env)
    {
        var kind = pool.Kind == PoolKind.Max ? "maxpool" : "avgpool";
        return pool.Global ? "global " + kind : "adaptive " + kind + " " + Size(pool.Size, env);
    }

    /// <summary><c>dropout 0.2</c>.</summary>
    public static string Dropout(DropoutPlan dropout, IReadOnlyDictionary<string, Value> env) => "dropout " + Number(dropout.P, env);

    /// <summary><c>zero-pad /2</c>: He et al.'s option A shortcut.</summary>
    public static string ZeroPad(ZeroPadPlan pad, IReadOnlyDictionary<string, Value> env) => "zero-pad" + Stride(pad.Stride, env);

    /// <summary><c>relu</c>, <c>leaky relu</c>, …</summary>
    public static string Activation(Activation kind) => kind switch
    {
        Model.Activation.Relu6 => "relu6",
        Model.Activation.LeakyRelu => "leaky relu",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A shape as the boxes show it: <c>256×56×56</c>, or <c>1000</c> for a flat one.</summary>
    public static string Shape(TensorShape shape) => string.Join("×", shape.Dims);

    /// <summary>An expression's value at <paramref name="env"/>; the expression itself if it has none.</summary>
    public static string Number(Expr expr, IReadOnlyDictionary<string, Value> env) =>
        Evaluator.TryValue(expr, env) is { } value ? value.ToString() : expr.ToString();

    private static string Size(Pair pair, IReadOnlyDictionary<string, Value> env) => Number(pair.H, env) + "×" + Number(pair.W, env);

    private static string Stride(Pair stride, IReadOnlyDictionary<string, Value> env)
    {
        var size = Size(stride, env);
        return size == "1×1" ? string.Empty : " /" + Square(size);
    }

    /// <summary><c>2×2</c> → <c>2</c>; <c>2×1</c> stays.</summary>
    private static string Square(string size)
    {
        var parts = size.Split('×');
        return parts[0] == parts[1] ? parts[0] : size;
    }

    /// <summary>A scale as written after the body's arrow: <c>×0.17</c>.</summary>
    public static string Scale(Expr scale, IReadOnlyDictionary<string, Value> env)
    {
        var value = Evaluator.TryValue(scale, env);
        return value is { } v && v.Number == 1 ? string.Empty : "×" + (value?.Number.ToString("0.###", CultureInfo.InvariantCulture) ?? scale.ToString());
    }
}
