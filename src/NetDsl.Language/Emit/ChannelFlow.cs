using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// Symbolic channel counts: what each layer outputs, as a C# expression over <c>inChannels</c> and the
    /// parameters of the class being generated.
    /// </summary>
    internal sealed class ChannelFlow
    {
        private const int MaxBlockNesting = 64;

        private readonly Dictionary<string, BlockDef> _blocks;
        private readonly Dictionary<string, CodeExpr> _blockOutputs = new();
        private readonly HashSet<string> _inProgress = new();

        public ChannelFlow(IEnumerable<BlockDef> blocks)
        {
            _blocks = new Dictionary<string, BlockDef>();
            foreach (var block in blocks)
            {
                _blocks[block.Name] = block;
            }
        }

        /// <summary>The block named <paramref name="name"/>.</summary>
        public BlockDef Block(string name) =>
            _blocks.TryGetValue(name, out var block) ? block : throw new EmitException("Unknown block '" + name + "'.");

        /// <summary>The channels after <paramref name="layers"/>, given the channels before them.</summary>
        public CodeExpr Through(IEnumerable<Layer> layers, CodeExpr input) =>
            layers.Aggregate(input, (channels, layer) => After(layer, channels));

        /// <summary>The channels after one layer.</summary>
        public CodeExpr After(Layer layer, CodeExpr input) => layer switch
        {
            ConvLayer conv => CodeExpr.From(conv.Out),
            LinearLayer linear => CodeExpr.From(linear.Out),
            ConcatLayer concat => CodeExpr.Sum(concat.Branches.Select(b => Through(b.Layers, input))),
            ResidualLayer residual => Through(residual.Body, Through(residual.Pre, input)),
            SequenceLayer sequence => Through(sequence.Layers, input),
            BlockLayer use => BlockOutput(use.Block, input, use.Args),
            RepeatLayer repeat => RepeatOutput(repeat, input),
            _ => input,
        };

        /// <summary>Constructor arguments of one block use: the arguments given, by name.</summary>
        public IReadOnlyDictionary<string, CodeExpr> Arguments(BlockDef block, IEnumerable<Argument> args)
        {
            var values = new Dictionary<string, CodeExpr>();
            foreach (var parameter in block.Params)
            {
                if (parameter.Default is { } value)
                {
                    values[parameter.Name] = CodeExpr.From(value);
                }
            }

            foreach (var arg in args)
            {
                values[arg.Name] = CodeExpr.From(arg.Value);
            }

            return values;
        }

        /// <summary>The arguments of index <paramref name="index"/> of a repeat (overrides replace shared ones).</summary>
        public static IEnumerable<Argument> ArgumentsAt(RepeatLayer repeat, int index)
        {
            var overrides = repeat.Overrides.Where(o => o.Index == index).SelectMany(o => o.Args).ToList();
            return repeat.Args.Where(a => overrides.All(o => o.Name != a.Name)).Concat(overrides);
        }

        /// <summary>The constant repeat count, or null when it is an expression over parameters.</summary>
        public static long? ConstantCount(RepeatLayer repeat) =>
            CodeExpr.From(repeat.Count) is var count && count.Evaluate(new Dictionary<string, double>()) is { } value
                ? (long)value
                : null;

        private CodeExpr BlockOutput(string name, CodeExpr input, IEnumerable<Argument> args)
        {
            var block = Block(name);
            var values = new Dictionary<string, CodeExpr>(Arguments(block, args).ToDictionary(p => p.Key, p => p.Value))
            {
                [BlockDef.InChannelsParameter] = input,
            };
            return OutputOf(block).Substitute(values);
        }

        private CodeExpr OutputOf(BlockDef block)
        {
            if (_blockOutputs.TryGetValue(block.Name, out var known))
            {
                return known;
            }

            if (_inProgress.Count > MaxBlockNesting || !_inProgress.Add(block.Name))
            {
                throw new EmitException("Block '" + block.Name + "' uses itself.");
            }

            var output = Through(block.Layers, CodeExpr.Var(BlockDef.InChannelsParameter));
            _inProgress.Remove(block.Name);
            _blockOutputs[block.Name] = output;
            return output;
        }

        private CodeExpr RepeatOutput(RepeatLayer repeat, CodeExpr input)
        {
            if (ConstantCount(repeat) is { } count)
            {
                var channels = input;
                for (var i = 0; i < count; i++)
                {
                    channels = BlockOutput(repeat.Block, channels, ArgumentsAt(repeat, i));
                }

                return channels;
            }

            // A count over parameters: the first block sets the width, the others keep it.
            var first = BlockOutput(repeat.Block, input, ArgumentsAt(repeat, 0));
            return BlockOutput(repeat.Block, first, repeat.Args);
        }
    }
}
