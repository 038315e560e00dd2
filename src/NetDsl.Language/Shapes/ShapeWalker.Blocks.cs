using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Shapes
{
    internal sealed partial class ShapeWalker
    {
        public const int MaxRepeat = 10_000;

        /// <summary>Walks a block's body with <paramref name="env"/> as its parameters (<c>inChannels</c> included).</summary>
        public TensorShape? WalkBlock(BlockDef block, TensorShape input, IReadOnlyDictionary<string, Value> env, int depth, string path, string where) =>
            Walk(block.Layers, input, new Frame(env, depth, where), path);

        private TensorShape? Block(string name, IEnumerable<Argument> args, Layer use, TensorShape input, Frame frame, string path)
        {
            if (!_blocks.TryGetValue(name, out var block))
            {
                return null;
            }

            var env = Bind(block, args, use, input, frame);
            if (env is null || !InShapeHolds(block, use, input, env, frame, path))
            {
                return null;
            }

            var where = $"block '{block.Name}' ({path}, used at {use.Span})";
            return Container(path, block.Name, frame, input, () => WalkBlock(block, input, env, frame.Depth + 1, path, where));
        }

        private Dictionary<string, Value>? Bind(BlockDef block, IEnumerable<Argument> args, Layer use, TensorShape input, Frame frame)
        {
            var env = new Dictionary<string, Value> { [BlockDef.InChannelsParameter] = Value.Int(input.Channels) };
            var ok = true;
            foreach (var arg in args)
            {
                var param = block.Params.FirstOrDefault(p => p.Name == arg.Name);
                if (param is null)
                {
                    _diagnostics.Add(DiagnosticDescriptors.UnknownArgument, arg.Span, block.Name, arg.Name, Suggestions.DidYouMean(arg.Name, block.Params.Select(p => p.Name)));
                    ok = false;
                }
                else if (_evaluator.Evaluate(arg.Value, frame) is { } value)
                {
                    if (param.Type == ParamType.Int && !value.IsInt)
                    {
                        _diagnostics.Add(DiagnosticDescriptors.FloatWhereIntNeeded, arg.Value.Span, $"{block.Name}.{arg.Name}", $"{arg.Value} = {value}");
                        ok = false;
                    }

                    env[arg.Name] = param.Type == ParamType.Float ? new Value(value.Number, false) : value;
                }
                else
                {
                    ok = false;
                }
            }

            foreach (var param in block.Params.Where(p => !env.ContainsKey(p.Name)))
            {
                if (param.Default is NumberExpr number)
                {
                    env[param.Name] = new Value(number.Value, param.Type == ParamType.Int);
                }
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.MissingArgument, use.Span, block.Name, param.Name, $" (used in {frame.Where})");
                    ok = false;
                }
            }

            return ok ? env : null;
        }

        private bool InShapeHolds(BlockDef block, Layer use, TensorShape input, IReadOnlyDictionary<string, Value> env, Frame frame, string path)
        {
            if (block.InShape.Count == 0)
            {
                return true;
            }

            var blockFrame = new Frame(env, frame.Depth, $"block '{block.Name}'");
            var dims = block.InShape.Select(e => _evaluator.Int(e, blockFrame, "in", $"block '{block.Name}'", 1)).ToList();
            if (dims.Any(d => d is null))
            {
                return false;
            }

            var declared = TensorShape.Chw(dims[0]!.Value, dims[1]!.Value, dims[2]!.Value);
            if (declared == input)
            {
                return true;
            }

            _diagnostics.Add(DiagnosticDescriptors.InShapeMismatch, use.Span, block.Name, declared, $"'{path}' in {frame.Where}", input);
            return false;
        }

        private TensorShape? Repeat(RepeatLayer repeat, TensorShape input, Frame frame, string path)
        {
            if (_evaluator.Int(repeat.Count, frame, "repeat", $"repeat '{path}'", int.MinValue) is not { } count)
            {
                return null;
            }

            if (count < 1)
            {
                _diagnostics.Add(DiagnosticDescriptors.RepeatBelowOne, repeat.Span, path, repeat.Block, count);
                return null;
            }

            if (count > MaxRepeat)
            {
                _diagnostics.Add(DiagnosticDescriptors.TooLarge, repeat.Span, $"repeat '{path}' with count {count}", MaxRepeat);
                return null;
            }

            foreach (var over in repeat.Overrides.Where(o => o.Index >= count))
            {
                _diagnostics.Add(DiagnosticDescriptors.OverrideOutOfRange, over.Span, path, count, count - 1, over.Index);
                return null;
            }

            var inner = frame with { Depth = frame.Depth + 1 };
            return Container(path, "Sequential", frame, input, () =>
            {
                TensorShape? shape = input;
                for (var i = 0; i < count && shape is not null; i++)
                {
                    var over = repeat.Overrides.FirstOrDefault(o => o.Index == i)?.Args ?? EquatableArray<Argument>.Empty;
                    var args = repeat.Args.Where(a => over.All(o => o.Name != a.Name)).Concat(over);
                    shape = Block(repeat.Block, args, repeat, shape, inner, path + "." + i);
                }

                return shape;
            });
        }
    }
}
