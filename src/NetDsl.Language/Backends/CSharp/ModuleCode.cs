using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>
/// The C# of a planned module: its field type and the expression that creates it, the TorchSharp (or NetDsl.Nn)
/// constructor call with the plan's arguments, leaving out those at their defaults.
/// </summary>
internal sealed class ModuleCode
{
    private const double DefaultEps = 1e-5;
    private const double DefaultMomentum = 0.1;

    private readonly string _namespace;
    private readonly Usings _usings;

    /// <param name="ns">The namespace of the class being written: blocks declared in another are named in full.</param>
    /// <param name="usings">What the file needs to import, noted as code is written.</param>
    public ModuleCode(string ns, Usings usings)
    {
        _namespace = ns;
        _usings = usings;
    }

    /// <summary>The field type.</summary>
    public string Type(ModulePlan module)
    {
        switch (module)
        {
            case ConvUnitPlan unit:
                return unit.Order == ConvOrder.Pre ? "NormActConv" : "ConvNormAct";
            case ZeroPadPlan:
                return "ZeroPadShortcut";
            case BlockPlan block:
                return TypeName(block.Block);
            case RepeatPlan:
                _usings.Modules = true;
                return "Sequential";
            default:
                _usings.Modules = true;
                return module switch
                {
                    ConvPlan => "Conv2d",
                    BatchNormPlan => "BatchNorm2d",
                    PoolPlan pool => pool.Kind == PoolKind.Max ? "MaxPool2d" : "AvgPool2d",
                    AdaptivePoolPlan pool => pool.Kind == PoolKind.Max ? "AdaptiveMaxPool2d" : "AdaptiveAvgPool2d",
                    DropoutPlan => "Dropout",
                    LinearPlan => "Linear",
                    FlattenPlan => "Flatten",
                    ActivationPlan activation => ActivationModule(activation.Kind),
                    _ => "Sequential",
                };
        }
    }

    /// <summary>The expression that creates the module.</summary>
    public Code Create(ModulePlan module) => module switch
    {
        SequentialPlan sequential => new SequentialCode(sequential.Entries.Select(e => (e.Key, Create(e.Module))).ToList()),
        _ => new InlineCode(Inline(module)),
    };

    /// <summary><c>new Bottleneck(inChannels, planes: 64)</c> for a block with these arguments.</summary>
    public string NewBlock(BlockRef block, string inChannels, IEnumerable<(string Name, string Value)> arguments) =>
        "new " + TypeName(block) + "(" + string.Join(", ", new[] { inChannels }.Concat(arguments.Select(a => CSharpCode.Name(a.Name) + ": " + a.Value))) + ")";

    /// <summary>An argument's value as the parameter's type takes it.</summary>
    public static string Argument(ParamType type, Expr value) => type == ParamType.Float ? CSharpCode.Real(value) : CSharpCode.Int(value);

    private string Inline(ModulePlan module) => module switch
    {
        ConvPlan conv => Conv(conv),
        ConvUnitPlan unit => ConvUnit(unit),
        BatchNormPlan bn => "nn.BatchNorm2d(" + string.Join(", ", new[] { CSharpCode.Int(bn.Channels) }.Concat(Norm(bn.Norm))) + ")",
        PoolPlan pool => Pool(pool),
        AdaptivePoolPlan { Global: true, Kind: PoolKind.Avg } => "nn.AdaptiveAvgPool2d(1)",
        AdaptivePoolPlan pool => "nn." + Type(pool) + "([" + CSharpCode.Int(pool.Size.H) + ", " + CSharpCode.Int(pool.Size.W) + "])",
        DropoutPlan dropout => "nn.Dropout(" + CSharpCode.Real(dropout.P) + ")",
        LinearPlan linear => "nn.Linear(" + CSharpCode.Int(linear.In!) + ", " + CSharpCode.Int(linear.Out) + (linear.Bias ? string.Empty : ", hasBias: false") + ")",
        FlattenPlan => "nn.Flatten()",
        ActivationPlan activation => "nn." + ActivationModule(activation.Kind) + "(" + (activation.Kind == Activation.LeakyRelu ? "0.01" : string.Empty) + ")",
        BlockPlan block => NewBlock(block.Block, CSharpCode.Int(block.In), block.Args.Select(a => (a.Name, Argument(a.Type, a.Value)))),
        ZeroPadPlan zero => "new ZeroPadShortcut(" + CSharpCode.Int(zero.In) + ", " + CSharpCode.Int(zero.Out) + ", " + (IsSquare(zero.Stride) ? CSharpCode.Int(zero.Stride.H) : Tuple(zero.Stride)) + ")",
        _ => throw new System.InvalidOperationException("A " + module.GetType().Name + " is not created inline."),
    };

    /// <summary><c>nn.Conv2d(…)</c>: the scalar overload when every pair is square, else the tuple one.</summary>
    private static string Conv(ConvPlan conv)
    {
        var square = IsSquare(conv.Kernel) && IsSquare(conv.Stride) && IsSquare(conv.Padding) && IsSquare(conv.Dilation);
        var args = new List<string> { CSharpCode.Int(conv.In), CSharpCode.Int(conv.Out), square ? CSharpCode.Int(conv.Kernel.H) : Tuple(conv.Kernel) };
        AddPair(args, "stride", conv.Stride, 1, square);
        AddPair(args, "padding", conv.Padding, 0, square);
        AddPair(args, "dilation", conv.Dilation, 1, square);
        AddGroups(args, conv.Groups);
        if (!conv.Bias)
        {
            args.Add("bias: false");
        }

        return "nn.Conv2d(" + string.Join(", ", args) + ")";
    }

    /// <summary><c>new ConvNormAct(…)</c> or <c>new NormActConv(…)</c>: NetDsl.Nn's conv with its norm as one module.</summary>
    private string ConvUnit(ConvUnitPlan unit)
    {
        var conv = unit.Conv;
        var args = new List<string> { CSharpCode.Int(conv.In), CSharpCode.Int(conv.Out), Tuple(conv.Kernel) };
        AddPair(args, "stride", conv.Stride, 1, square: false);
        AddPair(args, "padding", conv.Padding, 0, square: false);
        AddPair(args, "dilation", conv.Dilation, 1, square: false);
        AddGroups(args, conv.Groups);
        if (conv.Bias)
        {
            args.Add("bias: true");
        }

        args.AddRange(Norm(unit.Norm));
        if (unit.Act != Activation.Relu)
        {
            _usings.ActivationAlias = true;
            args.Add("activation: Activation." + ActivationMember(unit.Act));
        }

        return "new " + Type(unit) + "(" + string.Join(", ", args) + ")";
    }

    private static string Pool(PoolPlan pool)
    {
        var square = IsSquare(pool.Kernel) && IsSquare(pool.Stride) && IsSquare(pool.Padding);
        var args = new List<string>
        {
            square ? CSharpCode.Int(pool.Kernel.H) : Tuple(pool.Kernel),
            "stride: " + (square ? CSharpCode.Int(pool.Stride.H) : Tuple(pool.Stride)),
        };
        AddPair(args, "padding", pool.Padding, 0, square);
        if (pool.CeilMode)
        {
            args.Add("ceil_mode: true");
        }

        if (pool.Kind == PoolKind.Avg && !pool.CountIncludePad)
        {
            args.Add("count_include_pad: false");
        }

        return "nn." + (pool.Kind == PoolKind.Max ? "MaxPool2d" : "AvgPool2d") + "(" + string.Join(", ", args) + ")";
    }

    /// <summary>A block's class, qualified when it was declared in another namespace than this class.</summary>
    private string TypeName(BlockRef block) => block.Namespace == _namespace ? block.Name : "global::" + block.Namespace + "." + block.Name;

    private static IEnumerable<string> Norm(NormSpec norm)
    {
        if (norm.Eps != DefaultEps)
        {
            yield return "eps: " + CSharpCode.Double(norm.Eps);
        }

        if (norm.Momentum != DefaultMomentum)
        {
            yield return "momentum: " + CSharpCode.Double(norm.Momentum);
        }
    }

    private static void AddGroups(List<string> args, Expr groups)
    {
        if (!(groups is NumberExpr { Value: 1 }))
        {
            args.Add("groups: " + CSharpCode.Int(groups));
        }
    }

    private static void AddPair(List<string> args, string name, Pair pair, long neutral, bool square)
    {
        if (pair.H is NumberExpr { IsInteger: true } h && h.Value == neutral && pair.W is NumberExpr { IsInteger: true } w && w.Value == neutral)
        {
            return;
        }

        args.Add(name + ": " + (square ? CSharpCode.Int(pair.H) : Tuple(pair)));
    }

    private static bool IsSquare(Pair pair) => CSharpCode.Int(pair.H) == CSharpCode.Int(pair.W);

    private static string Tuple(Pair pair) => "(" + CSharpCode.Int(pair.H) + ", " + CSharpCode.Int(pair.W) + ")";

    private static string ActivationModule(Activation activation) => activation switch
    {
        Activation.Relu => "ReLU",
        Activation.Relu6 => "ReLU6",
        Activation.LeakyRelu => "LeakyReLU",
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.Gelu => "GELU",
        _ => "SiLU",
    };

    private static string ActivationMember(Activation activation) => activation == Activation.None ? "None" : ActivationModule(activation);
}
