using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Shapes;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// The members of one generated class: fields, constructor statements and <c>forward</c> statements, built
    /// in one walk over the body while the channel count is threaded through as C#.
    /// </summary>
    internal sealed class ClassEmitter
    {
        private const int MaxUnrolledRepeat = 10_000;

        private readonly ChannelFlow _flow;
        private readonly string _namespace;
        private readonly NetworkSummary? _summary;
        private readonly IReadOnlyDictionary<string, double> _defaults;
        private readonly Dictionary<string, (int End, Shape Shape)> _outputs = new();
        private readonly HashSet<string> _names = new();
        private int _residuals;

        /// <summary>The variable that holds the tensor in <c>forward</c>: <c>x</c>, or a flat branch's local.</summary>
        private string _x = "x";

        private readonly HashSet<string> _parameters;

        /// <param name="flow">Channel counts of the project's blocks.</param>
        /// <param name="ns">The namespace of the class: blocks declared in another are referred to by their full name.</param>
        /// <param name="summary">The checker's summary of the network; null for a block.</param>
        /// <param name="defaults">The network parameters' default values.</param>
        /// <param name="parameters">The constructor's parameter names: a field with one of them is assigned through <c>this.</c>.</param>
        public ClassEmitter(ChannelFlow flow, string ns, NetworkSummary? summary, IReadOnlyDictionary<string, double> defaults, IEnumerable<string> parameters)
        {
            _flow = flow;
            _namespace = ns;
            _summary = summary;
            _defaults = defaults;
            _parameters = new HashSet<string>(parameters, System.StringComparer.Ordinal);
        }

        /// <summary><c>private readonly Conv2d conv1;</c> lines.</summary>
        public List<string> Fields { get; } = new();

        /// <summary>Constructor statements before <c>RegisterComponents()</c>.</summary>
        public List<string> Constructor { get; } = new();

        /// <summary>Parameters that <c>forward</c> reads (a residual scale), so the class keeps them in fields.</summary>
        public SortedSet<string> ForwardParameters { get; } = new(System.StringComparer.Ordinal);

        /// <summary>Statements of <c>forward(Tensor x)</c> before <c>return x;</c>.</summary>
        public List<string> Forward { get; } = new();

        /// <summary>The auxiliary heads of a network body, in field order.</summary>
        public List<AuxHeadLayer> AuxHeads { get; } = new();

        /// <summary>Emits a class body; returns the shape after it.</summary>
        public Shape Body(IReadOnlyList<Layer> layers, Shape shape)
        {
            _names.UnionWith(Names(layers));
            foreach (var layer in layers)
            {
                shape = layer is AuxHeadLayer aux ? AuxHead(aux, shape) : Layer(layer, shape);
                _outputs[layer.Name] = (Forward.Count, shape);
            }

            return shape;
        }

        private Shape Layers(IEnumerable<Layer> layers, Shape shape) =>
            layers.Aggregate(shape, (current, layer) => Layer(layer, current));

        /// <summary>
        /// An auxiliary head: a nullable field built when <c>auxLogits</c> is true, and a <c>forward</c> step after
        /// its source layer that adds its output to <c>auxiliary</c> (null outside training).
        /// </summary>
        private Shape AuxHead(AuxHeadLayer aux, Shape shape)
        {
            var (end, source) = aux.From.Length > 0 ? _outputs[aux.From] : (Forward.Count, shape);
            var name = Identifier.Escape(aux.Name);
            AuxHeads.Add(aux);
            Fields.Add("private readonly " + TypeName(_flow.Block(aux.Block)) + "? " + name + ";");
            if (Constructor.Count > 0 && Constructor[Constructor.Count - 1].Length > 0)
            {
                Constructor.Add(string.Empty);
            }

            Constructor.Add("if (" + SpecEmitter.AuxLogitsParameter + ")");
            Constructor.Add("{");
            Constructor.AddRange(AssignLines(aux.Name, BlockCall(aux.Block, source.Channels, aux.Args)).Select(l => "    " + l));
            Constructor.Add("}");
            Constructor.Add(string.Empty);
            var statements = new[]
            {
                "if (auxiliary is not null && " + name + " is not null)",
                "{",
                "    auxiliary.Add(new AuxiliaryOutput(" + Identifier.Literal(aux.Name) + ", " + name + ".forward(x), " + LeafModules.Double(aux.LossWeight) + "));",
                "}",
                string.Empty,
            };
            Forward.InsertRange(end, statements);
            foreach (var key in _outputs.Keys.ToList().Where(k => _outputs[k].End >= end && k != aux.From))
            {
                _outputs[key] = (_outputs[key].End + statements.Length, _outputs[key].Shape);
            }

            if (aux.From.Length > 0)
            {
                _outputs[aux.From] = (end + statements.Length, source);
            }

            return shape;
        }

        private static IEnumerable<string> Names(IEnumerable<Layer> layers) => layers.SelectMany(layer => layer switch
        {
            ConcatLayer concat => concat.Branches.SelectMany(b => new[] { b.Name }.Concat(Names(b.Layers))),
            ResidualLayer residual => Names(residual.Pre.Concat(residual.Body)).Concat(new[] { residual.Shortcut.Name }),
            ConvLayer { NormName: { } norm } => new[] { layer.Name, norm },
            _ => new[] { layer.Name },
        });

        /// <summary><c>x = name.forward(x);</c> on the current tensor variable.</summary>
        private void Step(string module) => Forward.Add(_x + " = " + Identifier.Escape(module) + ".forward(" + _x + ");");

        private Shape Layer(Layer layer, Shape shape)
        {
            switch (layer)
            {
                case ConvLayer conv:
                    return Conv(conv, shape);
                case ActivationLayer activation:
                    Forward.Add(_x + " = " + LeafModules.ActivationCall(activation.Kind, _x) + ";");
                    return shape;
                case FlattenLayer:
                    Forward.Add(_x + " = " + _x + ".flatten(1);");
                    return Flatten(shape);
                case ConcatLayer concat:
                    return Concat(concat, shape);
                case ResidualLayer residual:
                    return Residual(residual, shape);
                case RepeatLayer { } repeat when ChannelFlow.ConstantCount(repeat) is null:
                    return RepeatLoop(repeat, shape);
                default:
                    var (module, next) = Module(layer, shape, layer.Name);
                    Field(module.Type, layer.Name);
                    Assign(layer.Name, module);
                    Step(layer.Name);
                    return next;
            }
        }

        private Shape Conv(ConvLayer conv, Shape shape)
        {
            var output = AfterConv(conv, shape);
            if (conv.Norm is { } norm && (conv.Wrap || conv.NormName is null))
            {
                var unit = LeafModules.ConvUnit(conv, norm, shape.Channels);
                Field(unit.Type, conv.Name);
                Assign(conv.Name, unit);
                Step(conv.Name);
                return output;
            }

            var module = LeafModules.Conv(conv, shape.Channels);
            if (conv.Norm is { } preNorm && conv.Order == ConvOrder.Pre)
            {
                var bn = LeafModules.BatchNorm(preNorm, shape.Channels);
                Field(bn.Type, conv.NormName!);
                Assign(conv.NormName!, bn);
                Step(conv.NormName!);
                Activate(conv.Act);
                Field(module.Type, conv.Name);
                Assign(conv.Name, module);
                Step(conv.Name);
                return output;
            }

            Field(module.Type, conv.Name);
            Assign(conv.Name, module);
            Step(conv.Name);
            if (conv.Norm is { } postNorm)
            {
                var bn = LeafModules.BatchNorm(postNorm, output.Channels);
                Field(bn.Type, conv.NormName!);
                Assign(conv.NormName!, bn);
                Step(conv.NormName!);
            }

            Activate(conv.Act);
            return output;
        }

        private void Activate(Activation activation)
        {
            if (activation != Activation.None)
            {
                Forward.Add(_x + " = " + LeafModules.ActivationCall(activation, _x) + ";");
            }
        }

        private static Shape AfterConv(ConvLayer conv, Shape shape) => Shape.Of(CodeExpr.From(conv.Out)) with
        {
            Spatial = Resize(shape.Spatial, conv.Kernel, conv.Stride, conv.Padding, (n, k, s, p, i) => OutputSize.Conv(n, k, s, p, Constant(i == 0 ? conv.Dilation.H : conv.Dilation.W) ?? 1)),
        };

        private static Shape AfterPool(PoolLayer pool, Shape shape) => shape with
        {
            Spatial = Resize(shape.Spatial, pool.Kernel, pool.Stride, pool.Padding, (n, k, s, p, _) => OutputSize.Pool(n, k, s, p, pool.CeilMode)),
        };

        /// <summary>The new height and width when the old ones and every setting are constants, else null.</summary>
        private static (long H, long W)? Resize((long H, long W)? spatial, Pair kernel, Pair stride, Pair padding, System.Func<long, long, long, long, int, long> size)
        {
            if (spatial is not { } hw
                || Constant(kernel.H) is not { } kh || Constant(kernel.W) is not { } kw
                || Constant(stride.H) is not { } sh || Constant(stride.W) is not { } sw
                || Constant(padding.H) is not { } ph || Constant(padding.W) is not { } pw)
            {
                return null;
            }

            return (size(hw.H, kh, sh, ph, 0), size(hw.W, kw, sw, pw, 1));
        }

        private static long? Constant(Expr expr) => CodeExpr.From(expr).Evaluate(new Dictionary<string, double>()) is { } value ? (long)value : null;

        private Shape Concat(ConcatLayer concat, Shape shape)
        {
            var outputs = new List<CodeExpr>();
            var calls = new List<string>();
            foreach (var branch in concat.Branches)
            {
                ModuleCode module;
                Shape output;
                if (branch.Flat)
                {
                    var local = Local(branch, outputs.Count);
                    output = FlatBranch(branch, shape, local);
                    outputs.Add(output.Channels);
                    calls.Add(local);
                    continue;
                }

                if (branch.Layers.Count == 1 && IsSingleModule(branch.Layers[0]))
                {
                    (module, output) = Module(branch.Layers[0], shape, branch.Name);
                }
                else
                {
                    (module, output) = Sequence(branch.Layers, shape, branch.Name);
                }

                Field(module.Type, branch.Name);
                Assign(branch.Name, module);
                outputs.Add(output.Channels);
                calls.Add(Identifier.Escape(branch.Name) + ".forward(" + _x + ")");
            }

            Forward.Add(_x + " = torch.cat([" + string.Join(", ", calls) + "], 1);");
            return Shape.Of(CodeExpr.Sum(outputs));
        }

        /// <summary>
        /// The branch's layers as statements on a local (<c>var branch5x5 = branch5x5_1.forward(x);</c>), the way
        /// torchvision's Inception-v3 writes its forward.
        /// </summary>
        private Shape FlatBranch(Branch branch, Shape shape, string local)
        {
            var input = _x;
            var mark = Forward.Count;
            Forward.Add("var " + local + " = " + input + ";");
            _x = local;
            var output = Layers(branch.Layers, shape);
            _x = input;
            var use = "(" + local + ")";
            if (Forward.Count > mark + 1 && Forward[mark + 1] is var first && first.StartsWith(local + " = ", System.StringComparison.Ordinal)
                && first.IndexOf(use, System.StringComparison.Ordinal) is var at && at >= 0 && first.IndexOf(use, at + 1, System.StringComparison.Ordinal) < 0)
            {
                Forward[mark + 1] = "var " + first.Substring(0, at) + "(" + input + ")" + first.Substring(at + use.Length);
                Forward.RemoveAt(mark);
            }

            return output;
        }

        /// <summary><c>branch5x5</c> for a branch whose first named layer is <c>branch5x5_1</c>, unless a field has that name.</summary>
        private string Local(Branch branch, int index)
        {
            var stem = System.Text.RegularExpressions.Regex.Replace(branch.Name, "_[0-9]+[a-z]?$", string.Empty);
            var name = stem != branch.Name && Identifier.Escape(stem) == stem && !_names.Contains(stem) ? stem : "b" + index;
            while (!_names.Add(name))
            {
                name = "_" + name;
            }

            return name;
        }

        private Shape Residual(ResidualLayer residual, Shape shape)
        {
            var identity = _residuals++ == 0 ? "identity" : "identity" + _residuals;
            var shortcut = residual.Shortcut;
            var field = Identifier.Escape(shortcut.Name);
            var mark = Forward.Count;
            var afterPre = Layers(residual.Pre, shape);
            var bodyOutput = _flow.Through(residual.Body, afterPre.Channels);
            var kind = shortcut.Kind;
            var condition = kind == ShortcutKind.Auto ? AutoCondition(residual.Body, afterPre.Channels, bodyOutput) : null;
            if (condition is "false")
            {
                kind = ShortcutKind.Identity;
            }
            else if (condition is "true")
            {
                kind = ShortcutKind.Projection;
            }

            // The identity is x as it was before the pre-activation layers, so its statement goes above theirs.
            if (kind is ShortcutKind.Identity or ShortcutKind.Auto)
            {
                Forward.Insert(mark, "var " + identity + " = x;");
            }

            // Body fields come first (torchvision registers downsample after conv1…bn3); the shortcut's forward
            // statements still go between the pre-activation layers and the body.
            var afterPreMark = Forward.Count;
            var output = Layers(residual.Body, afterPre);
            var shortcutForward = new List<string>();
            switch (kind)
            {
                case ShortcutKind.ZeroPad:
                    Field("ZeroPadShortcut", shortcut.Name);
                    Constructor.Add(Target(shortcut.Name) + " = new ZeroPadShortcut(" + shape.Channels.Code + ", " + bodyOutput.Code + ", " + Stride(residual.Body).Code + ");");
                    Forward.Insert(mark, "var " + identity + " = " + field + ".forward(x);");
                    afterPreMark++;
                    break;
                case ShortcutKind.Projection:
                    Field("Sequential", shortcut.Name);
                    Assign(shortcut.Name, Projection(shortcut, afterPre.Channels, bodyOutput, residual.Body));
                    shortcutForward.Add("var " + identity + " = " + field + ".forward(x);");
                    break;
                case ShortcutKind.Custom:
                    var (custom, _) = Sequence(shortcut.Layers, afterPre, shortcut.Name);
                    Field(custom.Type, shortcut.Name);
                    Assign(shortcut.Name, custom);
                    shortcutForward.Add("var " + identity + " = " + field + ".forward(x);");
                    break;
                case ShortcutKind.Auto:
                    Fields.Add("private readonly Sequential? " + field + ";");
                    Constructor.Add(string.Empty);
                    Constructor.Add("if (" + condition + ")");
                    Constructor.Add("{");
                    var projection = Projection(shortcut, afterPre.Channels, bodyOutput, residual.Body);
                    Constructor.AddRange(AssignLines(shortcut.Name, projection).Select(l => "    " + l));
                    Constructor.Add("}");
                    Constructor.Add(string.Empty);
                    shortcutForward.Add("if (" + field + " is not null)");
                    shortcutForward.Add("{");
                    shortcutForward.Add("    " + identity + " = " + field + ".forward(x);");
                    shortcutForward.Add("}");
                    shortcutForward.Add(string.Empty);
                    break;
            }

            Forward.InsertRange(afterPreMark, shortcutForward);
            var scale = CodeExpr.From(residual.Scale);
            if (scale.Evaluate(new Dictionary<string, double>()) is 1.0)
            {
                Forward.Add(EndsWithoutSavedOutput(residual.Body) ? "x.add_(" + identity + ");" : "x = x + " + identity + ";");
            }
            else
            {
                ForwardParameters.UnionWith(ParamNames(residual.Scale));
                Forward.Add("x = x * " + LeafModules.Real(scale) + " + " + identity + ";");
            }

            Activate(residual.Then);
            return output;
        }

        private ModuleCode Projection(Shortcut shortcut, CodeExpr input, CodeExpr output, IEnumerable<Layer> body)
        {
            var stride = Stride(body);
            var conv = "nn.Conv2d(" + input.Code + ", " + output.Code + ", 1" + (stride.IsConst(1) ? string.Empty : ", stride: " + stride.Code) + ", bias: false)";
            var steps = new List<(string, ModuleCode)> { ("0", ModuleCode.Single("Conv2d", conv)) };
            if (shortcut.Norm is { } norm)
            {
                steps.Add(("1", LeafModules.BatchNorm(norm, output)));
            }

            return ModuleCode.Sequential(steps);
        }

        private static CodeExpr Stride(IEnumerable<Layer> body) =>
            CodeExpr.Product(StrideParts(body).Select(p => CodeExpr.From(p.H)));

        private static IEnumerable<Pair> StrideParts(IEnumerable<Layer> layers) => layers.SelectMany(layer => layer switch
        {
            ConvLayer conv => new[] { conv.Stride },
            PoolLayer pool => new[] { pool.Stride },
            SequenceLayer sequence => StrideParts(sequence.Layers),
            _ => Enumerable.Empty<Pair>(),
        });

        private static string AutoCondition(IEnumerable<Layer> body, CodeExpr input, CodeExpr output)
        {
            var parts = new List<string>();
            foreach (var stride in StrideParts(body).SelectMany(p => new[] { CodeExpr.From(p.H), CodeExpr.From(p.W) }))
            {
                Differ(parts, stride, CodeExpr.Const(1));
            }

            Differ(parts, input, output);
            foreach (var layer in body)
            {
                if (layer is ConvLayer conv)
                {
                    Differ(parts, Twice(conv.Padding.H), Span(conv.Dilation.H, conv.Kernel.H));
                    Differ(parts, Twice(conv.Padding.W), Span(conv.Dilation.W, conv.Kernel.W));
                }
                else if (layer is PoolLayer pool)
                {
                    Differ(parts, Twice(pool.Padding.H), Span(Expr.Int(1), pool.Kernel.H));
                    Differ(parts, Twice(pool.Padding.W), Span(Expr.Int(1), pool.Kernel.W));
                }
            }

            return parts.Contains("true") ? "true" : parts.Count == 0 ? "false" : string.Join(" || ", parts.Distinct());
        }

        private static CodeExpr Twice(Expr e) => CodeExpr.Binary(BinaryOp.Multiply, CodeExpr.Const(2), CodeExpr.From(e));

        private static CodeExpr Span(Expr dilation, Expr kernel) => CodeExpr.Binary(
            BinaryOp.Multiply,
            CodeExpr.From(dilation),
            CodeExpr.Binary(BinaryOp.Subtract, CodeExpr.From(kernel), CodeExpr.Const(1)));

        private static void Differ(List<string> parts, CodeExpr left, CodeExpr right)
        {
            var empty = new Dictionary<string, double>();
            if (left.Evaluate(empty) is { } l && right.Evaluate(empty) is { } r)
            {
                if (l != r)
                {
                    parts.Add("true");
                }

                return;
            }

            if (left.Code != right.Code)
            {
                parts.Add(left.Code + " != " + right.Code);
            }
        }

        private static IEnumerable<string> ParamNames(Expr expr) => expr switch
        {
            ParamExpr p => new[] { p.Name },
            BinaryExpr b => ParamNames(b.Left).Concat(ParamNames(b.Right)),
            _ => Enumerable.Empty<string>(),
        };

        private static bool EndsWithoutSavedOutput(EquatableArray<Layer> body) => body.Count > 0 && body[body.Count - 1] switch
        {
            ConvLayer conv => conv.Act == Activation.None && (conv.Norm is null || conv.Order == ConvOrder.Post),
            BatchNormLayer => true,
            _ => false,
        };

        private Shape RepeatLoop(RepeatLayer repeat, Shape shape)
        {
            var block = _flow.Block(repeat.Block);
            var name = Identifier.Escape(repeat.Name);
            var list = repeat.Name + "Blocks";
            var first = _flow.After(new BlockLayer(repeat.Block, ChannelFlow.ArgumentsAt(repeat, 0).ToEquatableArray()), shape.Channels);
            var channels = first.Code == shape.Channels.Code ? shape.Channels.Code : "i == 0 ? " + shape.Channels.Code + " : " + first.Code;
            var args = new List<string> { channels };
            var shared = _flow.Arguments(block, repeat.Args);
            foreach (var parameter in block.Params)
            {
                var indices = repeat.Overrides.Where(o => o.Args.Any(a => a.Name == parameter.Name)).ToList();
                if (indices.Count == 0)
                {
                    if (repeat.Args.Any(a => a.Name == parameter.Name))
                    {
                        args.Add(Identifier.Escape(parameter.Name) + ": " + shared[parameter.Name].Code);
                    }

                    continue;
                }

                var fallback = shared.TryGetValue(parameter.Name, out var value) ? value.Code : throw new EmitException("Parameter '" + parameter.Name + "' of '" + block.Name + "' has no value.");
                var text = indices.Aggregate(fallback, (rest, o) =>
                    "i == " + o.Index + " ? " + CodeExpr.From(o.Args.First(a => a.Name == parameter.Name).Value).Code + " : " + rest);
                args.Add(Identifier.Escape(parameter.Name) + ": " + text);
            }

            Field("Sequential", repeat.Name);
            Constructor.Add("var " + list + " = new List<(string, Module<Tensor, Tensor>)>();");
            Constructor.Add("for (var i = 0; i < " + CodeExpr.From(repeat.Count).Code + "; i++)");
            Constructor.Add("{");
            Constructor.Add("    " + list + ".Add((i.ToString(CultureInfo.InvariantCulture), new " + TypeName(block) + "(" + string.Join(", ", args) + ")));");
            Constructor.Add("}");
            Constructor.Add(string.Empty);
            Constructor.Add(Target(repeat.Name) + " = nn.Sequential(" + list + ");");
            Step(repeat.Name);
            return Shape.Of(_flow.After(repeat, shape.Channels));
        }

        private static Shape Flatten(Shape shape) => shape with { Flat = true };

        /// <summary>One layer as a single module (in a sequence, a branch, or a field of the class).</summary>
        private (ModuleCode Module, Shape Output) Module(Layer layer, Shape shape, string path)
        {
            switch (layer)
            {
                case ConvLayer conv when conv.Norm is { } norm:
                    return (LeafModules.ConvUnit(conv, norm, shape.Channels), AfterConv(conv, shape));
                case ConvLayer conv when conv.Act == Activation.None:
                    return (LeafModules.Conv(conv, shape.Channels), AfterConv(conv, shape));
                case BatchNormLayer bn:
                    return (LeafModules.BatchNorm(bn.Norm, shape.Channels), shape);
                case ActivationLayer activation:
                    return (LeafModules.ActivationModule(activation.Kind), shape);
                case PoolLayer pool:
                    return (LeafModules.Pool(pool), AfterPool(pool, shape));
                case GlobalPoolLayer global:
                    return (LeafModules.GlobalPool(global), shape with { Pooled = true });
                case AdaptivePoolLayer adaptive:
                    return (LeafModules.AdaptivePool(adaptive), shape with { Spatial = Constant(adaptive.Size.H) is { } h && Constant(adaptive.Size.W) is { } w ? (h, w) : null });
                case DropoutLayer dropout:
                    return (LeafModules.Dropout(dropout), shape);
                case FlattenLayer:
                    return (ModuleCode.Single("Flatten", "nn.Flatten()"), Flatten(shape));
                case LinearLayer linear:
                    var features = Features(shape, path, linear.Span);
                    return (LeafModules.Linear(linear, features), new Shape(CodeExpr.From(linear.Out), Pooled: true, Flat: true));
                case BlockLayer use:
                    return (BlockCall(use.Block, shape.Channels, use.Args), Shape.Of(_flow.After(use, shape.Channels)));
                case SequenceLayer sequence:
                    return Sequence(sequence.Layers, shape, path);
                case RepeatLayer repeat when ChannelFlow.ConstantCount(repeat) is { } count:
                    return (RepeatUnrolled(repeat, count, shape.Channels), Shape.Of(_flow.After(repeat, shape.Channels)));
                case ConvLayer:
                    throw new EmitException("conv '" + path + "' has an activation but no norm inside a sequence, where every step is one module; write the activation as its own step", layer.Span);
                default:
                    throw new EmitException("'" + path + "' (" + layer.GetType().Name.Replace("Layer", string.Empty).ToLowerInvariant() + ") cannot be one step of a sequence", layer.Span);
            }
        }

        private static bool IsSingleModule(Layer layer) => layer is not (ConcatLayer or ResidualLayer or FlattenLayer)
            && !(layer is ConvLayer { Norm: null } conv && conv.Act != Activation.None);

        private (ModuleCode Module, Shape Output) Sequence(IEnumerable<Layer> layers, Shape shape, string path)
        {
            var entries = new List<(string, ModuleCode)>();
            var index = 0;
            foreach (var layer in layers)
            {
                var name = layer.Name.Length > 0 ? layer.Name : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var (module, next) = Module(layer, shape, path + "." + name);
                entries.Add((name, module));
                shape = next;
                index++;
            }

            return (ModuleCode.Sequential(entries), shape);
        }

        private ModuleCode RepeatUnrolled(RepeatLayer repeat, long count, CodeExpr input)
        {
            if (count > MaxUnrolledRepeat)
            {
                throw new EmitException("Repeat count " + count + " of '" + repeat.Name + "' is too large to generate.");
            }

            var entries = new List<(string, ModuleCode)>();
            var channels = input;
            for (var i = 0; i < count; i++)
            {
                var args = ChannelFlow.ArgumentsAt(repeat, i).ToList();
                entries.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), BlockCall(repeat.Block, channels, args)));
                channels = _flow.After(new BlockLayer(repeat.Block, args.ToEquatableArray()), channels);
            }

            return ModuleCode.Sequential(entries);
        }

        private ModuleCode BlockCall(string name, CodeExpr input, IEnumerable<Argument> args)
        {
            var block = _flow.Block(name);
            var given = args.ToList();
            var parts = new List<string> { input.Code };
            foreach (var parameter in block.Params)
            {
                var arg = given.LastOrDefault(a => a.Name == parameter.Name);
                if (arg is not null)
                {
                    var value = CodeExpr.From(arg.Value);
                    parts.Add(Identifier.Escape(parameter.Name) + ": " + (parameter.Type == ParamType.Float ? LeafModules.Real(value) : value.Code));
                }
            }

            return ModuleCode.Single(TypeName(block), "new " + TypeName(block) + "(" + string.Join(", ", parts) + ")");
        }

        /// <summary>A block's class, qualified when it was declared in another namespace than this class.</summary>
        private string TypeName(BlockDef block) =>
            block.Namespace == _namespace ? block.Name : "global::" + block.Namespace + "." + block.Name;

        /// <summary>The in_features of a linear layer: the features if flat, else channels × H × W.</summary>
        private CodeExpr Features(Shape shape, string path, SourceSpan span)
        {
            if (shape.Pooled)
            {
                return shape.Channels;
            }

            var row = _summary?.Layers.FirstOrDefault(l => l.Path == path);
            if (row is null && shape.Spatial is { } spatial)
            {
                return CodeExpr.Binary(BinaryOp.Multiply, shape.Channels, CodeExpr.Const(spatial.H * spatial.W));
            }

            row = row ?? throw new EmitException("the input features of linear layer '" + path + "' cannot be inferred here; add a global pool before it", span);
            var features = row.Input.Channels;
            if (shape.Channels.Evaluate(_defaults) is not { } channels || channels <= 0 || features % (long)channels != 0)
            {
                return CodeExpr.Const(features);
            }

            return CodeExpr.Binary(BinaryOp.Multiply, shape.Channels, CodeExpr.Const(features / (long)channels));
        }

        /// <summary>The field as the constructor writes it: <c>this.dropout</c> when a parameter has the same name.</summary>
        private string Target(string name) => (_parameters.Contains(name) ? "this." : string.Empty) + Identifier.Escape(name);

        private void Field(string type, string name) => Fields.Add("private readonly " + type + " " + Identifier.Escape(name) + ";");

        private void Assign(string name, ModuleCode module) => Constructor.AddRange(AssignLines(name, module));

        private IEnumerable<string> AssignLines(string name, ModuleCode module)
        {
            var lines = module.Create.ToList();
            lines[0] = Target(name) + " = " + lines[0];
            lines[lines.Count - 1] += ";";
            return lines;
        }
    }
}
