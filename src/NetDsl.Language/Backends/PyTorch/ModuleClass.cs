using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>
/// One generated class: an <c>nn.Module</c> whose <c>__init__</c> takes the class's parameters and assigns its
/// submodules in the plan's field order (so its state dict has the TorchSharp class's keys in the same order), and
/// whose <c>forward</c> runs the plan's steps.
/// </summary>
internal sealed class ModuleClass
{
    private readonly ClassPlan _plan;
    private readonly NetworkPlan? _network;
    private readonly PythonNames _names;
    private readonly Imports _imports;
    private readonly ModuleCalls _calls;
    private readonly Dictionary<string, string> _attributes = new(System.StringComparer.Ordinal);
    private readonly ExprPrinter _forwardPrinter;
    private readonly string? _auxFlag;

    private ModuleClass(ClassPlan plan, NetworkPlan? network, PythonNames names, Imports imports)
    {
        _plan = plan;
        _network = network;
        _names = names;
        _imports = imports;
        _calls = new ModuleCalls(plan, names, imports);

        // Plain attributes (the residual scales forward reads, the auxiliary flag) must not hide a submodule or
        // one of nn.Module's own attributes (a parameter called "training").
        var attributes = new PythonNames.Scope(names);
        foreach (var name in plan.Fields.Select(f => f.Name).Concat(PythonReserved.ModuleAttributes))
        {
            attributes.Take(name);
        }

        foreach (var name in plan.ForwardParameters)
        {
            _attributes[name] = attributes.Take(names.Parameter(plan.Name, name));
        }

        _auxFlag = HasAuxiliary ? attributes.Take(PythonNames.AuxLogits) : null;
        _forwardPrinter = new ExprPrinter(p => "self." + _attributes[p], PythonCode.Float, "//");
    }

    private bool HasAuxiliary => _plan.Fields.Any(f => f.Auxiliary);

    /// <summary>Writes a block's class.</summary>
    public static void Block(SourceWriter writer, ClassPlan plan, PythonNames names, Imports imports) =>
        new ModuleClass(plan, null, names, imports).Write(writer, null);

    /// <summary>Writes a network's class; <paramref name="outputs"/> names its training-mode outputs when it has auxiliary heads.</summary>
    public static void Network(SourceWriter writer, NetworkPlan network, PythonNames names, Imports imports, AuxiliaryOutputs? outputs) =>
        new ModuleClass(network.Class, network, names, imports).Write(writer, outputs);

    /// <summary><c>self.conv1</c>, or <c>getattr(self, "lambda")</c> for a field whose name is a Python keyword.</summary>
    public string Field(string name) => PythonReserved.Keywords.Contains(name) ? "getattr(self, " + PythonCode.Literal(name) + ")" : "self." + name;

    /// <summary>A residual's scale as <c>forward</c> reads it: a literal, or the attributes that keep its parameters.</summary>
    public string Scale(Expr scale) => scale is NumberExpr n ? PythonCode.Float(n.Value) : _forwardPrinter.Print(scale);

    private void Write(SourceWriter writer, AuxiliaryOutputs? outputs)
    {
        writer.Line("class " + _plan.Name + "(nn.Module):");
        using (writer.Indent())
        {
            writer.Line("\"\"\"" + Summary() + "\"\"\"");
            writer.Line();
            if (outputs is not null)
            {
                writer.Line("#: Each auxiliary head's weight in the training loss, by its field of " + outputs.ClassName + ".");
                writer.Line("aux_loss_weights = {" + string.Join(", ", outputs.Heads.Select(h => PythonCode.Literal(h.Output) + ": " + PythonCode.Float(h.LossWeight))) + "}");
                writer.Line();
            }

            Constructor(writer);
            writer.Line();
            Forward(writer, outputs);
        }
    }

    private string Summary()
    {
        var source = System.IO.Path.GetFileName(_plan.Span.Path);
        if (_network is null)
        {
            return "The block " + _plan.Name + " declared in " + source + ".";
        }

        var summary = _network.Summary;
        var accepts = _network.Accepts.IsSingle ? string.Empty : " (accepts " + _network.Accepts + ")";
        return "The network " + _plan.Name + " declared in " + source + ": input " + summary.Input + accepts + ", output " + summary.Output + ".";
    }

    private void Constructor(SourceWriter writer)
    {
        var parameters = new List<string> { "self" };
        if (_plan.Kind == ClassKind.Block)
        {
            parameters.Add(_names.Parameter(_plan.Name, BlockDef.InChannelsParameter) + ": int");
        }

        foreach (var parameter in _plan.Params)
        {
            // Python takes a parameter without a default after one with a default only as keyword-only.
            if (parameter.Default is null && _plan.Params.TakeWhile(p => p != parameter).Any(p => p.Default is not null) && !parameters.Contains("*"))
            {
                parameters.Add("*");
            }

            parameters.Add(Parameter(parameter));
        }

        if (HasAuxiliary)
        {
            parameters.Add(PythonNames.AuxLogits + ": bool = True");
        }

        writer.Line("def __init__(" + string.Join(", ", parameters) + ") -> None:");
        using (writer.Indent())
        {
            var statements = new List<PyStatement> { new PyLine("super().__init__()") };
            if (_auxFlag is not null)
            {
                statements.Add(new PyLine("self." + _auxFlag + " = " + PythonNames.AuxLogits));
            }

            statements.AddRange(_plan.ForwardParameters.Select(p => new PyLine("self." + _attributes[p] + " = " + _names.Parameter(_plan.Name, p))));
            var fields = _plan.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i].Auxiliary)
                {
                    var heads = fields.Skip(i).TakeWhile(f => f.Auxiliary).ToList();
                    statements.AddRange(heads.Select(Unbuilt));
                    statements.Add(new PyIf(PythonNames.AuxLogits, heads.Select(Creation).ToList()));
                    i += heads.Count - 1;
                }
                else if (fields[i].BuiltWhen is { } condition)
                {
                    statements.Add(Unbuilt(fields[i]));
                    statements.Add(new PyIf(Condition(condition), new[] { Creation(fields[i]) }));
                }
                else
                {
                    statements.Add(Creation(fields[i]));
                }
            }

            PyStatementWriter.Write(writer, statements);
        }
    }

    /// <summary><c>self.downsample: Optional[nn.Sequential] = None</c>, so that <c>forward</c> can tell whether it was built.</summary>
    private PyStatement Unbuilt(FieldPlan field)
    {
        _imports.Use("Optional");
        return PythonReserved.Keywords.Contains(field.Name)
            ? new PyLine("self.add_module(" + PythonCode.Literal(field.Name) + ", None)")
            : new PyLine("self." + field.Name + ": Optional[" + ModuleCalls.Type(field.Module) + "] = None");
    }

    private PyStatement Creation(FieldPlan field)
    {
        var value = field.Module is RepeatPlan repeat ? _calls.Repeat(repeat, _names.Locals(_plan).Take("i")) : _calls.Create(field.Module);
        return PythonReserved.Keywords.Contains(field.Name) ? new PyAddModule(field.Name, value) : new PyAssign("self." + field.Name, value);
    }

    private void Forward(SourceWriter writer, AuxiliaryOutputs? outputs)
    {
        if (outputs is not null)
        {
            _imports.Use("Union");
        }

        writer.Line("def forward(self, x: Tensor) -> " + (outputs is null ? "Tensor" : "Union[Tensor, " + outputs.ClassName + "]") + ":");
        using (writer.Indent())
        {
            if (_network is not null)
            {
                PyStatementWriter.Write(writer, new[] { InputCheck(_network) });
            }

            var method = new ForwardMethod(_plan, this, _imports, _names.Locals(_plan));
            var statements = method.Statements();
            if (outputs is null)
            {
                PyStatementWriter.Write(writer, PyStatementWriter.Returning(statements, "x"));
                return;
            }

            var fields = new[] { "x" }.Concat(method.AuxiliaryLocals.Select(a => a.Local));
            statements.Add(new PyIf("self.training and self." + _auxFlag, new[] { new PyReturn(outputs.ClassName + "(" + string.Join(", ", fields) + ")") }));
            statements.Add(new PyReturn("x"));
            PyStatementWriter.Write(writer, statements);
        }
    }

    /// <summary>
    /// Raises a clear error for an input the network does not accept, instead of libtorch's from deep inside a
    /// convolution: the accepted sizes, as the C# class checks them.
    /// </summary>
    private static PyStatement InputCheck(NetworkPlan network)
    {
        var accepts = network.Accepts;
        var conditions = new List<string> { "x.dim() != 4" };
        if (accepts.IsSingle)
        {
            conditions.Add("x.shape[1:] != (" + Number(accepts.Channels) + ", " + Number(accepts.Height.Min) + ", " + Number(accepts.Width.Min) + ")");
        }
        else
        {
            conditions.Add("x.shape[1] != " + Number(accepts.Channels));
            conditions.Add(SizeCondition("x.shape[2]", accepts.Height));
            conditions.Add(SizeCondition("x.shape[3]", accepts.Width));
        }

        var expected = "[N, " + Number(accepts.Channels) + ", " + accepts.Height + ", " + accepts.Width + "]";
        return new PyIf(
            string.Join(" or ", conditions),
            new[] { new PyLine("raise ValueError(f\"" + network.Class.Name + " expects input " + expected + " but got {list(x.shape)}.\")") });
    }

    private static string SizeCondition(string size, SizeSet sizes) => sizes switch
    {
        { IsSingle: true } => size + " != " + Number(sizes.Min),
        { IsRange: true, Max: null } => size + " < " + Number(sizes.Min),
        { IsRange: true, Max: { } max } => "not " + Number(sizes.Min) + " <= " + size + " <= " + Number(max),
        _ => size + " not in (" + string.Join(", ", sizes.Values.Select(Number)) + ")",
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private string Condition(Condition condition) =>
        string.Join(" or ", condition.Terms.Select(t => _calls.Int(t.Left) + " != " + _calls.Int(t.Right)));

    private string Parameter(ParamDef parameter)
    {
        var text = _names.Parameter(_plan.Name, parameter.Name) + ": " + (parameter.Type == ParamType.Int ? "int" : "float");
        return parameter.Default is NumberExpr value
            ? text + " = " + (parameter.Type == ParamType.Int ? _calls.Int(value) : PythonCode.Float(value.Value))
            : text;
    }
}
