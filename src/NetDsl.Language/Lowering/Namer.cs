using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Lowering
{
    /// <summary>
    /// Gives every module its field name, as the contract's naming rules say: explicit names first, then auto names
    /// per class scope in declaration order (walking into residual pre/body, not into branches or sequences),
    /// and "0", "1", … in sequence contexts, where convs with a norm are wrapped into one module.
    /// </summary>
    internal sealed class Namer
    {
        private readonly DiagnosticBag _diagnostics;
        private readonly string _scope;
        private readonly HashSet<string> _taken = new();
        private readonly Dictionary<string, int> _counters = new();
        private readonly Dictionary<string, int> _autoCounts = new();

        private Namer(DiagnosticBag diagnostics, string scope)
        {
            _diagnostics = diagnostics;
            _scope = scope;
        }

        /// <summary>Names the layers of one generated class.</summary>
        public static EquatableArray<Layer> NameClass(IEnumerable<Layer> layers, string scope, DiagnosticBag diagnostics)
        {
            var namer = new Namer(diagnostics, scope);
            var list = layers.ToList();
            namer.Collect(list);
            return list.Select(namer.Assign).ToEquatableArray();
        }

        private void Collect(IEnumerable<Layer> layers)
        {
            foreach (var layer in layers)
            {
                Take(layer.NameIsExplicit ? layer.Name : null, layer.Span);
                switch (layer)
                {
                    case ConvLayer conv:
                        Take(conv.NormName, conv.Span);
                        break;
                    case ResidualLayer residual:
                        Collect(residual.Pre);
                        Collect(residual.Body);
                        Take(residual.Shortcut.Name, residual.Shortcut.Span);
                        if (residual.Shortcut.Name.Length == 0 && residual.Shortcut.Kind is not (ShortcutKind.Identity or ShortcutKind.None))
                        {
                            Count("downsample");
                        }

                        break;
                    case ConcatLayer concat:
                        foreach (var branch in concat.Branches)
                        {
                            if (branch.Flat)
                            {
                                Collect(branch.Layers);
                            }
                            else
                            {
                                Take(branch.Name, branch.Span);
                            }
                        }

                        break;
                }

                if (!layer.NameIsExplicit && BaseName(layer) is { } name)
                {
                    Count(name);
                }
            }
        }

        private void Take(string? name, SourceSpan span)
        {
            if (!string.IsNullOrEmpty(name) && !_taken.Add(name!))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, span, name!, _scope);
            }
        }

        private void Count(string name) => _autoCounts[name] = _autoCounts.TryGetValue(name, out var n) ? n + 1 : 1;

        /// <summary>The auto-name stem of a layer with a field of its own in class scope; null for functional steps.</summary>
        private static string? BaseName(Layer layer) => layer switch
        {
            PoolLayer p => p.Kind == PoolKind.Max ? "maxpool" : "avgpool",
            GlobalPoolLayer g => g.Kind == PoolKind.Max ? "maxpool" : "avgpool",
            AdaptivePoolLayer a => a.Kind == PoolKind.Max ? "maxpool" : "avgpool",
            AuxHeadLayer => "aux",
            DropoutLayer => "dropout",
            LinearLayer => "fc",
            BlockLayer b => Identifiers.CamelCase(b.Block),
            SequenceLayer => "features",
            _ => null,
        };

        private Layer Assign(Layer layer)
        {
            switch (layer)
            {
                case ConvLayer conv:
                    var named = conv.NameIsExplicit ? conv : conv with { Name = Numbered("conv", 1) };
                    return conv.Norm is not null && !conv.Wrap && conv.NormName is null ? named with { NormName = Numbered("bn", 1) } : named;
                case BatchNormLayer:
                    return layer.NameIsExplicit ? layer : layer with { Name = Numbered("bn", 1) };
                case RepeatLayer:
                    return layer.NameIsExplicit ? layer : layer with { Name = Numbered("layer", 1) };
                case ResidualLayer residual:
                    var shortcut = residual.Shortcut;
                    if (shortcut.Name.Length == 0 && shortcut.Kind is not (ShortcutKind.Identity or ShortcutKind.None))
                    {
                        shortcut = shortcut with { Name = Single("downsample") };
                    }

                    return residual with
                    {
                        Pre = residual.Pre.Select(Assign).ToEquatableArray(),
                        Body = residual.Body.Select(Assign).ToEquatableArray(),
                        Shortcut = shortcut with { Layers = NameSequence(shortcut.Layers, _diagnostics) },
                    };
                case ConcatLayer concat:
                    return concat with { Branches = concat.Branches.Select(NameBranch).ToEquatableArray() };
                case SequenceLayer sequence:
                    var seq = sequence with { Layers = NameSequence(sequence.Layers, _diagnostics) };
                    return sequence.NameIsExplicit ? seq : seq with { Name = Single("features") };
                default:
                    return layer.NameIsExplicit || BaseName(layer) is not { } stem ? layer : layer with { Name = Single(stem) };
            }
        }

        private Branch NameBranch(Branch branch)
        {
            if (branch.Flat)
            {
                return branch with { Name = branch.Layers.First(l => l.NameIsExplicit).Name, Layers = branch.Layers.Select(Assign).ToEquatableArray() };
            }

            var name = branch.Name.Length > 0 ? branch.Name : Numbered("branch", 0);
            if (branch.Layers.Count == 1)
            {
                return branch with { Name = name, Layers = EquatableArray.Of(WrapConv(Inner(branch.Layers[0])) with { Name = name }) };
            }

            return branch with { Name = name, Layers = NameSequence(branch.Layers, _diagnostics) };
        }

        /// <summary>Names the insides of a module that is a layer itself (a sequence's inner sequences).</summary>
        private Layer Inner(Layer layer) => layer is SequenceLayer s ? s with { Layers = NameSequence(s.Layers, _diagnostics) } : layer;

        private static EquatableArray<Layer> NameSequence(EquatableArray<Layer> layers, DiagnosticBag diagnostics)
        {
            var namer = new Namer(diagnostics, "a sequence");
            namer.Collect(layers.Where(l => l.NameIsExplicit));
            return layers.Select((layer, i) =>
            {
                var inner = WrapConv(namer.Inner(layer));
                return layer.NameIsExplicit ? inner : inner with { Name = i.ToString(CultureInfo.InvariantCulture) };
            }).ToEquatableArray();
        }

        private static Layer WrapConv(Layer layer) =>
            layer is ConvLayer { Norm: not null } conv ? conv with { Wrap = true, NormName = null } : layer;

        /// <summary><c>maxpool</c> when it is the only auto-named one of its stem in scope, else numbered from 1.</summary>
        private string Single(string stem) =>
            _autoCounts.TryGetValue(stem, out var count) && count == 1 && _taken.Add(stem) ? stem : Numbered(stem, 1);

        private string Numbered(string stem, int first)
        {
            var n = _counters.TryGetValue(stem, out var next) ? next : first;
            string name;
            do
            {
                name = stem + n.ToString(CultureInfo.InvariantCulture);
                n++;
            }
            while (!_taken.Add(name));

            _counters[stem] = n;
            return name;
        }
    }
}
