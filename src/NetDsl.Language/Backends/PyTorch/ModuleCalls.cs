using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>
/// The Python of a planned module: its type and the call that creates it, <c>torch.nn</c>'s constructor (or one of
/// the file's own classes) with the plan's arguments, leaving out those at PyTorch's defaults.
/// </summary>
internal sealed class ModuleCalls
{
    private const double DefaultEps = 1e-5;
    private const double DefaultMomentum = 0.1;

    private readonly ExprPrinter _printer;
    private readonly PythonNames _names;
    private readonly Imports _imports;

    /// <param name="plan">The class whose constructor the calls are written in: expressions name its parameters.</param>
    /// <param name="names">The file's Python names.</param>
    /// <param name="imports">What the file needs to import, noted as code is written.</param>
    public ModuleCalls(ClassPlan plan, PythonNames names, Imports imports)
    {
        _names = names;
        _imports = imports;
        _printer = new ExprPrinter(p => names.Parameter(plan.Name, p), PythonCode.Float, "//");
    }

    /// <summary>An integer expression over the class's parameters.</summary>
    public string Int(Expr expr) => _printer.Print(expr);

    /// <summary>A float: <c>0.2</c>, <c>1.0</c>, or an expression over parameters.</summary>
    public string Real(Expr expr) => expr is NumberExpr n ? PythonCode.Float(n.Value) : _printer.Print(expr);

    /// <summary>An argument's value as the parameter's type takes it.</summary>
    public string Argument(ParamType type, Expr value) => type == ParamType.Float ? Real(value) : Int(value);

    /// <summary>The type a field of this module has: <c>nn.Conv2d</c>, <c>ConvNormAct</c>, <c>Bottleneck</c>.</summary>
    public static string Type(ModulePlan module) => module switch
    {
        ConvPlan => "nn.Conv2d",
        BatchNormPlan => "nn.BatchNorm2d",
        ConvUnitPlan unit => unit.Order == ConvOrder.Pre ? SupportClasses.NormActConv : SupportClasses.ConvNormAct,
        PoolPlan pool => pool.Kind == PoolKind.Max ? "nn.MaxPool2d" : "nn.AvgPool2d",
        AdaptivePoolPlan pool => pool.Kind == PoolKind.Max ? "nn.AdaptiveMaxPool2d" : "nn.AdaptiveAvgPool2d",
        DropoutPlan => "nn.Dropout",
        LinearPlan => "nn.Linear",
        FlattenPlan => "nn.Flatten",
        ActivationPlan activation => "nn." + ActivationModule(activation.Kind),
        BlockPlan block => block.Block.Name,
        ZeroPadPlan => SupportClasses.ZeroPadShortcut,
        _ => "nn.Sequential",
    };

    /// <summary>The code that creates the module (a repeat's loop is its field's; see <see cref="Repeat"/>).</summary>
    public PyCode Create(ModulePlan module)
    {
        if (module is SequentialPlan sequential)
        {
            var code = new PySequential(sequential.Entries.Select(e => (e.Key, Create(e.Module))).ToList());
            if (!code.Positional)
            {
                _imports.Use("OrderedDict");
            }

            return code;
        }

        return new PyInline(module switch
        {
            ConvPlan conv => Conv(conv),
            ConvUnitPlan unit => ConvUnit(unit),
            BatchNormPlan bn => "nn.BatchNorm2d(" + string.Join(", ", new[] { Int(bn.Channels) }.Concat(Norm(bn.Norm))) + ")",
            PoolPlan pool => Pool(pool),
            AdaptivePoolPlan pool => Type(pool) + "(" + Pair(pool.Size) + ")",
            DropoutPlan dropout => "nn.Dropout(" + Real(dropout.P) + ")",
            LinearPlan linear => "nn.Linear(" + Int(linear.In!) + ", " + Int(linear.Out) + (linear.Bias ? string.Empty : ", bias=False") + ")",
            FlattenPlan => "nn.Flatten()",
            ActivationPlan activation => Type(activation) + "(" + (activation.Kind == Activation.LeakyRelu ? "0.01" : string.Empty) + ")",
            BlockPlan block => NewBlock(block.Block, Int(block.In), block.Args.Select(a => (a.Name, Argument(a.Type, a.Value)))),
            ZeroPadPlan zero => SupportClasses.ZeroPadShortcut + "(" + Int(zero.In) + ", " + Int(zero.Out) + ", " + Pair(zero.Stride) + ")",
            _ => throw new System.InvalidOperationException("A " + module.GetType().Name + " is not created inline."),
        });
    }

    /// <summary><c>nn.Sequential(*[Block(…) for i in range(count)])</c>, index 0 reading <see cref="RepeatPlan.FirstIn"/> channels.</summary>
    public PyCode Repeat(RepeatPlan repeat, string loop)
    {
        var (first, rest) = (Int(repeat.FirstIn), Int(repeat.RestIn));
        var item = NewBlock(repeat.Block, first == rest ? first : first + " if " + loop + " == 0 else " + rest, repeat.Args.Select(a => (a.Name, PerIndex(repeat, a, loop))));
        return new PyRepeat(item, "for " + loop + " in range(" + Int(repeat.Count) + ")");
    }

    /// <summary><c>Bottleneck(in_channels, planes=64)</c>: the block's keyword arguments by their Python names.</summary>
    private string NewBlock(BlockRef block, string inChannels, IEnumerable<(string Name, string Value)> arguments) =>
        block.Name + "(" + string.Join(", ", new[] { inChannels }.Concat(arguments.Select(a => _names.Parameter(block.Name, a.Name) + "=" + a.Value))) + ")";

    /// <summary>A repeat's argument at index <paramref name="loop"/>: its shared value, or <c>2 if i == 0 else 1</c> where indices override it.</summary>
    private string PerIndex(RepeatPlan repeat, ArgumentPlan shared, string loop) => repeat.Overrides
        .Select(o => (o.Index, Arg: o.Args.FirstOrDefault(a => a.Name == shared.Name)))
        .Where(o => o.Arg is not null)
        .Reverse()
        .Aggregate(
            Argument(shared.Type, shared.Value),
            (others, o) => Argument(o.Arg!.Type, o.Arg.Value) + " if " + loop + " == " + o.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + " else " + others);

    private string Conv(ConvPlan conv)
    {
        var args = ConvArguments(conv);
        if (!conv.Bias)
        {
            args.Add("bias=False");
        }

        return "nn.Conv2d(" + string.Join(", ", args) + ")";
    }

    /// <summary><c>ConvNormAct(…)</c> or <c>NormActConv(…)</c>: the file's conv with its norm as one module (children <c>conv</c> and <c>bn</c>).</summary>
    private string ConvUnit(ConvUnitPlan unit)
    {
        var args = ConvArguments(unit.Conv);
        if (unit.Conv.Bias)
        {
            args.Add("bias=True");
        }

        args.AddRange(Norm(unit.Norm));
        if (unit.Act != Activation.Relu)
        {
            args.Add("activation=" + ActivationFunction(unit.Act));
        }

        return Type(unit) + "(" + string.Join(", ", args) + ")";
    }

    private List<string> ConvArguments(ConvPlan conv)
    {
        var args = new List<string> { Int(conv.In), Int(conv.Out), Pair(conv.Kernel) };
        AddPair(args, "stride", conv.Stride, 1);
        AddPair(args, "padding", conv.Padding, 0);
        AddPair(args, "dilation", conv.Dilation, 1);
        if (!(conv.Groups is NumberExpr { Value: 1 }))
        {
            args.Add("groups=" + Int(conv.Groups));
        }

        return args;
    }

    private string Pool(PoolPlan pool)
    {
        var args = new List<string> { Pair(pool.Kernel), "stride=" + Pair(pool.Stride) };
        AddPair(args, "padding", pool.Padding, 0);
        if (pool.CeilMode)
        {
            args.Add("ceil_mode=True");
        }

        if (pool.Kind == PoolKind.Avg && !pool.CountIncludePad)
        {
            args.Add("count_include_pad=False");
        }

        return Type(pool) + "(" + string.Join(", ", args) + ")";
    }

    /// <summary>The function a conv unit applies after its norm: <c>F.silu</c>, or <c>None</c> for none.</summary>
    public string ActivationFunction(Activation activation)
    {
        var function = Activations.Function(activation);
        if (function is null)
        {
            return "None";
        }

        _imports.Use(function.StartsWith("torch.", System.StringComparison.Ordinal) ? "torch" : "F");
        return function;
    }

    private static IEnumerable<string> Norm(NormSpec norm)
    {
        if (norm.Eps != DefaultEps)
        {
            yield return "eps=" + PythonCode.Float(norm.Eps);
        }

        if (norm.Momentum != DefaultMomentum)
        {
            yield return "momentum=" + PythonCode.Float(norm.Momentum);
        }
    }

    private void AddPair(List<string> args, string name, Pair pair, long neutral)
    {
        if (!(pair.H is NumberExpr { IsInteger: true } h && h.Value == neutral && pair.W is NumberExpr { IsInteger: true } w && w.Value == neutral))
        {
            args.Add(name + "=" + Pair(pair));
        }
    }

    /// <summary>One number when height and width are the same expression, else <c>(h, w)</c>.</summary>
    private string Pair(Pair pair)
    {
        var (h, w) = (Int(pair.H), Int(pair.W));
        return h == w ? h : "(" + h + ", " + w + ")";
    }

    private static string ActivationModule(Activation activation) => activation switch
    {
        Activation.Relu => "ReLU",
        Activation.Relu6 => "ReLU6",
        Activation.LeakyRelu => "LeakyReLU",
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.Gelu => "GELU",
        Activation.Silu => "SiLU",
        _ => "Identity",
    };
}
