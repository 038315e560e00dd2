using System.Collections.Generic;
using System.Globalization;
using NetDsl.Language.Model;

namespace NetDsl.Language.Emit
{
    /// <summary>The TorchSharp (and NetDsl.Nn) constructor calls for layers that are one module.</summary>
    internal static class LeafModules
    {
        private const double DefaultEps = 1e-5;
        private const double DefaultMomentum = 0.1;

        /// <summary><c>nn.Conv2d(…)</c>: the scalar overload when every pair is square, else the tuple one.</summary>
        public static ModuleCode Conv(ConvLayer conv, CodeExpr input)
        {
            var square = IsSquare(conv.Kernel) && IsSquare(conv.Stride) && IsSquare(conv.Padding) && IsSquare(conv.Dilation);
            var args = new List<string> { input.Code, CodeExpr.From(conv.Out).Code, square ? H(conv.Kernel) : Tuple(conv.Kernel) };
            AddPair(args, "stride", conv.Stride, 1, square);
            AddPair(args, "padding", conv.Padding, 0, square);
            AddPair(args, "dilation", conv.Dilation, 1, square);
            AddGroups(args, conv.Groups);
            if (!conv.Bias)
            {
                args.Add("bias: false");
            }

            return ModuleCode.Single("Conv2d", "nn.Conv2d(" + string.Join(", ", args) + ")");
        }

        /// <summary><c>new ConvNormAct(…)</c> or <c>new NormActConv(…)</c>: a conv with its norm as one module.</summary>
        public static ModuleCode ConvUnit(ConvLayer conv, NormSpec norm, CodeExpr input)
        {
            var type = conv.Order == ConvOrder.Pre ? "NormActConv" : "ConvNormAct";
            var args = new List<string> { input.Code, CodeExpr.From(conv.Out).Code, Tuple(conv.Kernel) };
            AddPair(args, "stride", conv.Stride, 1, square: false);
            AddPair(args, "padding", conv.Padding, 0, square: false);
            AddPair(args, "dilation", conv.Dilation, 1, square: false);
            AddGroups(args, conv.Groups);
            if (conv.Bias)
            {
                args.Add("bias: true");
            }

            AddNorm(args, norm);
            if (conv.Act != Activation.Relu)
            {
                args.Add("activation: " + ActivationMember(conv.Act));
            }

            return ModuleCode.Single(type, "new " + type + "(" + string.Join(", ", args) + ")");
        }

        /// <summary><c>nn.BatchNorm2d(channels, …)</c>.</summary>
        public static ModuleCode BatchNorm(NormSpec norm, CodeExpr channels)
        {
            var args = new List<string> { channels.Code };
            AddNorm(args, norm);
            return ModuleCode.Single("BatchNorm2d", "nn.BatchNorm2d(" + string.Join(", ", args) + ")");
        }

        /// <summary><c>nn.MaxPool2d(…)</c> or <c>nn.AvgPool2d(…)</c>.</summary>
        public static ModuleCode Pool(PoolLayer pool)
        {
            var square = IsSquare(pool.Kernel) && IsSquare(pool.Stride) && IsSquare(pool.Padding);
            var args = new List<string>
            {
                square ? H(pool.Kernel) : Tuple(pool.Kernel),
                "stride: " + (square ? H(pool.Stride) : Tuple(pool.Stride)),
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

            var type = pool.Kind == PoolKind.Max ? "MaxPool2d" : "AvgPool2d";
            return ModuleCode.Single(type, "nn." + type + "(" + string.Join(", ", args) + ")");
        }

        /// <summary>An adaptive pool to 1×1.</summary>
        public static ModuleCode GlobalPool(GlobalPoolLayer pool) => pool.Kind == PoolKind.Max
            ? ModuleCode.Single("AdaptiveMaxPool2d", "nn.AdaptiveMaxPool2d([1, 1])")
            : ModuleCode.Single("AdaptiveAvgPool2d", "nn.AdaptiveAvgPool2d(1)");

        /// <summary><c>nn.AdaptiveAvgPool2d([7, 7])</c>: a pool to a fixed output size.</summary>
        public static ModuleCode AdaptivePool(AdaptivePoolLayer pool)
        {
            var type = pool.Kind == PoolKind.Max ? "AdaptiveMaxPool2d" : "AdaptiveAvgPool2d";
            return ModuleCode.Single(type, "nn." + type + "([" + H(pool.Size) + ", " + CodeExpr.From(pool.Size.W).Code + "])");
        }

        /// <summary><c>nn.Dropout(p)</c>.</summary>
        public static ModuleCode Dropout(DropoutLayer dropout) =>
            ModuleCode.Single("Dropout", "nn.Dropout(" + Real(CodeExpr.From(dropout.P)) + ")");

        /// <summary><c>nn.Linear(in, out)</c>.</summary>
        public static ModuleCode Linear(LinearLayer linear, CodeExpr features) => ModuleCode.Single(
            "Linear",
            "nn.Linear(" + features.Code + ", " + CodeExpr.From(linear.Out).Code + (linear.Bias ? string.Empty : ", hasBias: false") + ")");

        /// <summary>An activation as a module (inside sequences).</summary>
        public static ModuleCode ActivationModule(Activation activation) => activation switch
        {
            Activation.Relu => ModuleCode.Single("ReLU", "nn.ReLU()"),
            Activation.Relu6 => ModuleCode.Single("ReLU6", "nn.ReLU6()"),
            Activation.LeakyRelu => ModuleCode.Single("LeakyReLU", "nn.LeakyReLU(0.01)"),
            Activation.Sigmoid => ModuleCode.Single("Sigmoid", "nn.Sigmoid()"),
            Activation.Tanh => ModuleCode.Single("Tanh", "nn.Tanh()"),
            Activation.Gelu => ModuleCode.Single("GELU", "nn.GELU()"),
            Activation.Silu => ModuleCode.Single("SiLU", "nn.SiLU()"),
            _ => throw new EmitException("An activation of kind none cannot be a module."),
        };

        /// <summary>An activation applied in <c>forward</c>: <c>functional.relu(x)</c>.</summary>
        public static string ActivationCall(Activation activation, string x) => activation switch
        {
            Activation.Relu => "functional.relu(" + x + ")",
            Activation.Relu6 => "functional.relu6(" + x + ")",
            Activation.LeakyRelu => "functional.leaky_relu(" + x + ", 0.01)",
            Activation.Sigmoid => "functional.sigmoid(" + x + ")",
            Activation.Tanh => "functional.tanh(" + x + ")",
            Activation.Gelu => "functional.gelu(" + x + ")",
            Activation.Silu => "functional.silu(" + x + ")",
            _ => x,
        };

        /// <summary>A C# double: <c>0.2</c>, or a parameter.</summary>
        public static string Real(CodeExpr value) =>
            value.Evaluate(new Dictionary<string, double>()) is { } constant
                ? Double(constant)
                : value.Code;

        /// <summary>A double literal that round-trips: <c>0.001</c>, <c>1.0</c>.</summary>
        public static string Double(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E' }) >= 0 ? text : text + ".0";
        }

        private static string ActivationMember(Activation activation) => "Activation." + activation switch
        {
            Activation.None => "None",
            Activation.Relu => "ReLU",
            Activation.Relu6 => "ReLU6",
            Activation.LeakyRelu => "LeakyReLU",
            Activation.Sigmoid => "Sigmoid",
            Activation.Tanh => "Tanh",
            Activation.Gelu => "GELU",
            _ => "SiLU",
        };

        private static void AddNorm(List<string> args, NormSpec norm)
        {
            if (norm.Eps != DefaultEps)
            {
                args.Add("eps: " + Double(norm.Eps));
            }

            if (norm.Momentum != DefaultMomentum)
            {
                args.Add("momentum: " + Double(norm.Momentum));
            }
        }

        private static void AddGroups(List<string> args, Expr groups)
        {
            var code = CodeExpr.From(groups);
            if (!code.IsConst(1))
            {
                args.Add("groups: " + code.Code);
            }
        }

        private static void AddPair(List<string> args, string name, Pair pair, long neutral, bool square)
        {
            var h = CodeExpr.From(pair.H);
            var w = CodeExpr.From(pair.W);
            if (h.IsConst(neutral) && w.IsConst(neutral))
            {
                return;
            }

            args.Add(name + ": " + (square ? h.Code : "(" + h.Code + ", " + w.Code + ")"));
        }

        private static bool IsSquare(Pair pair) => CodeExpr.From(pair.H).Code == CodeExpr.From(pair.W).Code;

        private static string H(Pair pair) => CodeExpr.From(pair.H).Code;

        private static string Tuple(Pair pair) => "(" + CodeExpr.From(pair.H).Code + ", " + CodeExpr.From(pair.W).Code + ")";
    }
}
