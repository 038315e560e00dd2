using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetDsl.Generators.Tests.Differential;

/// <summary>
/// Writes random valid specs: every construct of the language (rectangular kernels, strides and paddings,
/// dilation, groups, ceil-mode pools, concat with flat and Sequential branches, residuals with every shortcut kind,
/// scales and pre-activation, <c>seq</c>, repeats with <c>at:</c> overrides and parameter counts, nested blocks,
/// parameter arithmetic, accepted size ranges). It tracks the concrete shape itself with PyTorch's size rules, so
/// that what it writes is valid by construction, independently of the checker under test.
/// </summary>
internal sealed class RandomSpec
{
    private readonly Random _random;
    private readonly string _prefix;
    private readonly StringBuilder _blocks = new();
    private int _names;
    private int _blockCount;

    private RandomSpec(int seed, string prefix)
    {
        _random = new Random(seed);
        _prefix = prefix;
    }

    /// <summary>A [C, H, W] shape.</summary>
    public readonly record struct Shape(int C, int H, int W);

    /// <summary>The spec's text, its nominal input, and a larger input it also accepts (or null).</summary>
    public sealed record Result(string Text, Shape Input, Shape? Other);

    /// <summary>
    /// A spec in namespace <paramref name="ns"/>; <paramref name="budget"/> bounds its number of top-level stages
    /// (a smaller budget with the same seed gives a smaller spec, which is how a failure is shrunk).
    /// </summary>
    public static Result Generate(int seed, int budget, string ns) => new RandomSpec(seed, ns.Replace(".", string.Empty)).Network(ns, budget);

    private Result Network(string ns, int budget)
    {
        var input = new Shape(Pick(1, 2, 3, 4), _random.Next(10, 25), _random.Next(10, 25));
        var layers = new List<string>();
        var shape = input;
        var stages = _random.Next(1, budget + 1);
        for (var i = 0; i < stages; i++)
        {
            shape = Stage(layers, shape);
        }

        var pooled = _random.Next(3) > 0;
        if (pooled)
        {
            layers.Add(_random.Next(3) switch
            {
                0 => "- globalmaxpool",
                1 => "- adaptiveavgpool: [2, 1]",
                _ => "- globalavgpool",
            });
        }

        if (_random.Next(3) == 0)
        {
            layers.Add("- dropout: 0.25");
        }

        layers.Add("- flatten");
        if (_random.Next(3) == 0)
        {
            layers.Add("- linear: { out: $hidden }");
            layers.Add("- relu");
        }

        layers.Add("- linear: { out: $classes" + (_random.Next(4) == 0 ? ", bias: false" : string.Empty) + " }");
        var ranged = pooled && _random.Next(2) == 0;
        var text = new StringBuilder();
        text.Append("network: Net\nnamespace: ").Append(ns).Append('\n');
        text.Append("input: [").Append(input.C).Append(", ").Append(input.H).Append(", ").Append(input.W).Append("]\n");
        if (ranged)
        {
            text.Append("accepts: [").Append(input.C).Append(", ").Append(input.H).Append("..").Append(", ").Append(input.W).Append("..]\n");
        }

        text.Append("params: { classes: int = ").Append(_random.Next(2, 11)).Append(", hidden: int = ").Append(_random.Next(4, 17))
            .Append(", depth: int = ").Append(_random.Next(1, 4)).Append(" }\n");
        if (_blocks.Length > 0)
        {
            text.Append("blocks:\n").Append(_blocks);
        }

        text.Append("layers:\n");
        foreach (var layer in layers)
        {
            text.Append("  ").Append(layer).Append('\n');
        }

        var other = ranged ? new Shape(input.C, input.H + _random.Next(1, 10), input.W + _random.Next(1, 10)) : (Shape?)null;
        return new Result(text.ToString(), input, other);
    }

    /// <summary>One top-level stage of the network.</summary>
    private Shape Stage(List<string> layers, Shape shape)
    {
        switch (_random.Next(9))
        {
            case 0:
            case 1:
                return FreeConv(layers, shape, "- ");
            case 2:
                return Pool(layers, shape);
            case 3:
                return Concat(layers, shape, "- ", 0);
            case 4:
                return Residual(layers, shape, "- ", Env.Empty);
            case 5:
                return Sequence(layers, shape);
            case 6:
                return Stack(layers, shape);
            case 7:
                return Nested(layers, shape);
            default:
                layers.Add("- " + Pick("relu", "bn", "dropout: 0.1", "silu", "bn: { eps: 0.001 }"));
                return shape;
        }
    }

    /// <summary>A conv with any kernel, stride, padding, dilation and groups that still leaves an output.</summary>
    private Shape FreeConv(List<string> layers, Shape shape, string indent)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var output = Pick(1, 2, 4, 6, 8, 12);
            var groups = Pick(Divisors(Gcd(shape.C, output)));
            var (kh, kw) = (_random.Next(1, 6), _random.Next(1, 6));
            var (sh, sw) = (_random.Next(1, 4), _random.Next(1, 4));
            var (dh, dw) = (_random.Next(1, 3), _random.Next(1, 3));
            var mode = _random.Next(3);
            int ph, pw;
            string pad;
            if (mode == 0)
            {
                if ((dh * (kh - 1)) % 2 != 0 || (dw * (kw - 1)) % 2 != 0)
                {
                    continue;
                }

                (ph, pw, pad) = (dh * (kh - 1) / 2, dw * (kw - 1) / 2, "same");
            }
            else if (mode == 1)
            {
                (ph, pw, pad) = (0, 0, "valid");
            }
            else
            {
                (ph, pw) = (_random.Next(0, 3), _random.Next(0, 3));
                pad = Pair(ph, pw);
            }

            var h = ConvSize(shape.H, kh, sh, ph, dh);
            var w = ConvSize(shape.W, kw, sw, pw, dw);
            if (h < 1 || w < 1 || shape.H + (2 * ph) < (dh * (kh - 1)) + 1 || shape.W + (2 * pw) < (dw * (kw - 1)) + 1)
            {
                continue;
            }

            layers.Add(indent + "conv: { out: " + output + ", k: " + Pair(kh, kw) + ", s: " + Pair(sh, sw) + ", pad: " + pad + ", dilation: " + Pair(dh, dw)
                + (groups > 1 ? ", groups: " + groups : string.Empty) + Settings(allowWrap: true) + " }");
            return new Shape(output, h, w);
        }

        layers.Add(indent + "conv: { out: 4, k: 1 }");
        return shape with { C = 4 };
    }

    private Shape Pool(List<string> layers, Shape shape)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var max = _random.Next(2) == 0;
            var (kh, kw) = (_random.Next(1, 4), _random.Next(1, 4));
            var (sh, sw) = (_random.Next(1, 4), _random.Next(1, 4));
            var (ph, pw) = (_random.Next(0, kh / 2 + 1), _random.Next(0, kw / 2 + 1));
            var ceil = _random.Next(2) == 0;
            var h = PoolSize(shape.H, kh, sh, ph, ceil);
            var w = PoolSize(shape.W, kw, sw, pw, ceil);
            if (h < 1 || w < 1)
            {
                continue;
            }

            var extra = (ceil ? ", ceil: true" : string.Empty) + (!max && _random.Next(2) == 0 ? ", count_include_pad: false" : string.Empty);
            layers.Add("- " + (max ? "maxpool" : "avgpool") + ": { k: " + Pair(kh, kw) + ", s: " + Pair(sh, sw) + ", pad: " + Pair(ph, pw) + extra + " }");
            return shape with { H = h, W = w };
        }

        return shape;
    }

    /// <summary>A conv that keeps the size at stride 1 (odd kernels, padding d(k − 1)/2), so paths that meet agree.</summary>
    private string KeepingConv(int output, int groupsOf, (int H, int W) stride, bool named, string strideText = "", string outText = "", bool inSequence = false)
    {
        var (kh, kw) = (Pick(1, 3, 5), Pick(1, 3));
        var (dh, dw) = kh == 1 ? (1, Pick(1, 2)) : (Pick(1, 2), 1);
        var pad = _random.Next(2) == 0 ? "same" : Pair(dh * (kh - 1) / 2, dw * (kw - 1) / 2);
        var groups = Pick(Divisors(Gcd(groupsOf, output)));
        var s = strideText.Length > 0 ? strideText : Pair(stride.H, stride.W);
        var settings = inSequence ? ", norm: batch, act: " + Pick("relu", "none") : Settings(allowWrap: !named);
        return "conv: { " + (named ? "name: " + Name("c") + ", " : string.Empty) + "out: " + (outText.Length > 0 ? outText : output.ToString(CultureInfo.InvariantCulture))
            + ", k: " + Pair(kh, kw) + ", s: " + s + ", pad: " + pad + ", dilation: " + Pair(dh, dw) + (groups > 1 ? ", groups: " + groups : string.Empty) + settings + " }";
    }

    /// <summary>Branches with the same stride; some flat (named layers, maybe a nested concat), some Sequentials.</summary>
    private Shape Concat(List<string> layers, Shape shape, string indent, int depth)
    {
        var stride = (H: Pick(1, 1, 2), W: Pick(1, 1, 2));
        var branches = new List<string>();
        var channels = 0;
        var count = _random.Next(2, 4);
        for (var b = 0; b < count; b++)
        {
            var flat = _random.Next(3) == 0;
            var steps = new List<string>();
            var c = shape.C;
            var length = _random.Next(1, 4);
            for (var i = 0; i < length; i++)
            {
                var strided = i == 0 ? stride : (1, 1);
                if (!flat && i == length - 1 && _random.Next(4) == 0)
                {
                    steps.Add("{ " + (_random.Next(2) == 0 ? "maxpool" : "avgpool") + ": { k: 3, s: " + Pair(strided.Item1, strided.Item2) + ", pad: 1 } }");
                    continue;
                }

                var output = Pick(2, 4, 6, 8);
                steps.Add("{ " + KeepingConv(output, c, strided, flat, inSequence: !flat || length == 1) + " }");
                c = output;
            }

            if (flat && depth == 0 && _random.Next(3) == 0)
            {
                var inner = new List<string>();
                var a = Pick(2, 4);
                var d = Pick(2, 4);
                inner.Add("[ { " + KeepingConv(a, c, (1, 1), true, inSequence: true) + " } ]");
                inner.Add("[ { " + KeepingConv(d, c, (1, 1), true, inSequence: true) + " } ]");
                steps.Add("{ concat: [ " + string.Join(", ", inner) + " ] }");
                c = a + d;
            }

            channels += c;
            var body = "[ " + string.Join(", ", steps) + " ]";
            branches.Add(!flat && _random.Next(3) == 0 ? "{ name: " + Name("branch") + ", layers: " + body + " }" : body);
        }

        layers.Add(indent + "concat: [ " + string.Join(", ", branches) + " ]");
        return new Shape(channels, Strided(shape.H, stride.H), Strided(shape.W, stride.W));
    }

    /// <summary>
    /// A residual with any shortcut: a body of size-keeping convs (one strided, maybe inside a <c>seq</c>), pre-activation,
    /// a scale, an activation after the add. In a block, channels and stride may be the block's parameters.
    /// </summary>
    private Shape Residual(List<string> layers, Shape shape, string indent, Env env)
    {
        var kind = env.Width is null ? Pick("auto", "auto", "projection", "identity", "zeropad", "custom", "none") : Pick("auto", "auto", "projection", "zeropad", "custom", "none");
        var stride = kind == "identity" ? (H: 1, W: 1) : (H: env.Stride ?? Pick(1, 2), W: env.Stride ?? Pick(1, 1, 2));
        var strideText = env.Stride is not null ? "$s" : string.Empty;
        var output = kind == "identity" ? shape.C : env.Width is { } width ? width * 2 : Pick(shape.C, shape.C, shape.C + 2, 8);
        var outputText = kind == "identity" ? output.ToString(CultureInfo.InvariantCulture) : env.Width is not null ? "$w * 2" : output.ToString(CultureInfo.InvariantCulture);
        if (kind == "zeropad" && output < shape.C)
        {
            kind = "auto";
        }

        var body = new List<string>();
        var mid = env.Width ?? Pick(2, 4, 6);
        var midText = env.Width is not null ? "$w" : mid.ToString(CultureInfo.InvariantCulture);
        var pre = _random.Next(3) == 0;
        var groupsOf = env.Width is null ? shape.C : 1;
        if (_random.Next(3) == 0)
        {
            body.Add("{ name: " + Name("seq") + ", seq: [ { " + KeepingConv(mid, groupsOf, stride, false, strideText, midText, inSequence: true) + " }, relu ] }");
        }
        else
        {
            body.Add("{ " + KeepingConv(mid, groupsOf, stride, false, strideText, midText) + " }");
        }

        body.Add("{ conv: { out: " + outputText + ", k: 3, pad: 1" + (_random.Next(2) == 0 ? ", norm: batch, act: none" : string.Empty) + " } }");
        var parts = new List<string> { "body: [ " + string.Join(", ", body) + " ]" };
        if (pre)
        {
            parts.Insert(0, "pre: [ bn, relu ]");
        }

        parts.Add(kind == "custom"
            ? "shortcut: [ { conv: { out: " + outputText + ", k: 1, s: " + (strideText.Length > 0 ? strideText : Pair(stride.H, stride.W)) + ", norm: batch } } ]"
            : "shortcut: " + kind);
        if (kind is "auto" or "projection" && _random.Next(3) == 0)
        {
            parts.Add("shortcut_norm: none");
        }

        if (kind != "none" && _random.Next(3) == 0)
        {
            parts.Add("scale: " + (env.Width is not null && _random.Next(2) == 0 ? "$scale" : "0.2"));
        }

        if (_random.Next(2) == 0)
        {
            parts.Add("then: relu");
        }

        layers.Add(indent + "residual: { " + string.Join(", ", parts) + " }");
        return new Shape(output, Strided(shape.H, stride.H), Strided(shape.W, stride.W));
    }

    private Shape Sequence(List<string> layers, Shape shape)
    {
        var steps = new List<string>();
        var c = shape.C;
        var (h, w) = (shape.H, shape.W);
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            switch (_random.Next(4))
            {
                case 0:
                    steps.Add("{ maxpool: { k: 3, s: 1, pad: 1 } }");
                    break;
                case 1:
                    steps.Add(Pick("relu", "bn", "{ dropout: 0.1 }"));
                    break;
                default:
                    var output = Pick(2, 4, 8);
                    var stride = (H: Pick(1, 2), W: Pick(1, 2));
                    steps.Add("{ " + KeepingConv(output, c, stride, false, inSequence: true) + " }");
                    (c, h, w) = (output, Strided(h, stride.H), Strided(w, stride.W));
                    break;
            }
        }

        layers.Add("- { name: " + Name("features") + ", seq: [ " + string.Join(", ", steps) + " ] }");
        return new Shape(c, h, w);
    }

    /// <summary>A residual block repeated: a constant count or <c>$depth</c>, the first use striding and widening.</summary>
    private Shape Stack(List<string> layers, Shape shape)
    {
        var name = Block();
        var width = Pick(2, 3, 4);
        var stride = Pick(1, 2);
        var body = new List<string>();
        Residual(body, shape, string.Empty, new Env(width, stride));
        _blocks.Append("  ").Append(name).Append(":\n    params: { w: int, s: int = 1, scale: float = 0.3 }\n    layers:\n");
        foreach (var line in body)
        {
            _blocks.Append("      - ").Append(line).Append('\n');
        }

        var count = _random.Next(3) == 0 ? "$depth" : _random.Next(1, 4).ToString(CultureInfo.InvariantCulture);
        var at = stride == 1 ? string.Empty : ", at: { 0: { s: 2 } }";
        layers.Add("- { repeat: " + count + ", block: " + name + ", args: { w: " + width + " }" + at + " }");
        return new Shape(width * 2, Strided(shape.H, stride), Strided(shape.W, stride));
    }

    /// <summary>A block that uses another block (arguments with arithmetic), then a concat.</summary>
    private Shape Nested(List<string> layers, Shape shape)
    {
        var inner = Block();
        var outer = Block();
        var width = Pick(2, 3);
        _blocks.Append("  ").Append(inner).Append(":\n    params: { k: int = 2 }\n    layers:\n")
            .Append("      - conv: { out: $k * 2, k: 3, pad: 1, norm: batch, act: relu }\n");
        _blocks.Append("  ").Append(outer).Append(":\n    params: { w: int }\n    layers:\n")
            .Append("      - ").Append(inner).Append(": { k: $w + 1 }\n");
        var afterInner = new Shape((width + 1) * 2, shape.H, shape.W);
        var concat = new List<string>();
        var result = Concat(concat, afterInner, string.Empty, 1);
        _blocks.Append("      - ").Append(concat[0]).Append('\n');
        layers.Add("- " + outer + ": { w: " + width + " }");
        return result;
    }

    /// <summary>Norm, activation, order, wrap and bias settings of a conv.</summary>
    private string Settings(bool allowWrap)
    {
        var text = new StringBuilder();
        var norm = _random.Next(3) > 0;
        if (norm)
        {
            text.Append(", norm: batch");
            if (_random.Next(4) == 0)
            {
                text.Append(", order: pre");
            }
            else if (allowWrap && _random.Next(3) == 0)
            {
                text.Append(", wrap: true");
            }
        }

        text.Append(", act: ").Append(norm ? Pick("relu", "none", "gelu", "leakyrelu") : Pick("relu", "none"));
        if (_random.Next(4) == 0)
        {
            text.Append(", bias: ").Append(_random.Next(2) == 0 ? "true" : "false");
        }

        return text.ToString();
    }

    private string Block() => _prefix + "B" + ++_blockCount;

    private string Name(string stem) => stem + "_" + ++_names;

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];

    private static string Pair(int h, int w) => h == w ? h.ToString(CultureInfo.InvariantCulture) : "[" + h + ", " + w + "]";

    private static int[] Divisors(int n) => Enumerable.Range(1, n).Where(d => n % d == 0).ToArray();

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>A size-keeping conv or pool with this stride: floor((n − 1) / s) + 1.</summary>
    private static int Strided(int n, int s) => ((n - 1) / s) + 1;

    /// <summary>PyTorch's Conv2d output size.</summary>
    private static int ConvSize(int n, int k, int s, int p, int d) => FloorDiv(n + (2 * p) - (d * (k - 1)) - 1, s) + 1;

    /// <summary>PyTorch's pooling output size, in ceil mode dropping a last window that would start in the right padding.</summary>
    private static int PoolSize(int n, int k, int s, int p, bool ceil)
    {
        var numerator = n + (2 * p) - k;
        var size = (ceil ? -FloorDiv(-numerator, s) : FloorDiv(numerator, s)) + 1;
        return ceil && (size - 1) * s >= n + p ? size - 1 : size;
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);

    /// <summary>The parameters a block's residual may use: its width and stride.</summary>
    private sealed record Env(int? Width, int? Stride)
    {
        public static Env Empty { get; } = new(null, null);
    }
}
