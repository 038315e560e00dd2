using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>
/// One generated class: a <c>sealed partial</c> TorchSharp module with a field per planned module, a constructor
/// with the class's typed parameters, and <c>forward</c>.
/// </summary>
internal sealed class ClassCode
{
    /// <summary>The constructor parameter of a network with auxiliary heads that leaves them out when false.</summary>
    private const string AuxLogits = "auxLogits";

    private readonly ClassPlan _plan;
    private readonly NetworkPlan? _network;
    private readonly Usings _usings;
    private readonly ModuleCode _modules;
    private readonly HashSet<string> _parameters;

    private ClassCode(ClassPlan plan, NetworkPlan? network, Usings usings)
    {
        _plan = plan;
        _network = network;
        _usings = usings;
        _modules = new ModuleCode(plan.Namespace, usings);
        _parameters = new HashSet<string>(plan.Params.Select(p => p.Name).Append(plan.Kind == ClassKind.Block ? BlockDef.InChannelsParameter : AuxLogits), System.StringComparer.Ordinal);
    }

    /// <summary>Writes a block's class.</summary>
    public static void Block(SourceWriter writer, ClassPlan plan, string source, Usings usings) => new ClassCode(plan, null, usings).Write(writer, source);

    /// <summary>Writes a network's class, with its shape constants and accepted inputs.</summary>
    public static void Network(SourceWriter writer, NetworkPlan network, string source, Usings usings) => new ClassCode(network.Class, network, usings).Write(writer, source);

    private bool HasAuxiliary => _plan.Fields.Any(f => f.Auxiliary);

    private void Write(SourceWriter writer, string source)
    {
        var kind = _network is null ? "block" : "network";
        writer.Line("/// <summary>The " + kind + " <c>" + _plan.Name + "</c> declared in <c>" + CSharpCode.Xml(source) + "</c>.</summary>");
        if (_network is not null)
        {
            Remarks(writer, _network);
        }

        writer.Line("public sealed partial class " + _plan.Name + " : Module<Tensor, Tensor>" + (HasAuxiliary ? ", IAuxiliaryClassifiers" : string.Empty));
        writer.OpenBrace();
        if (_network is not null)
        {
            Constants(writer, _network);
        }

        Fields(writer);
        writer.Line();
        Constructor(writer);
        writer.Line();
        Forward(writer);
        writer.CloseBrace();
    }

    private void Fields(SourceWriter writer)
    {
        if (_plan.Kind == ClassKind.Block)
        {
            writer.Line("private readonly long inChannels;");
        }

        foreach (var name in _plan.ForwardParameters)
        {
            var type = _plan.Params.FirstOrDefault(p => p.Name == name)?.Type == ParamType.Int ? "int" : "double";
            writer.Line("private readonly " + type + " " + CSharpCode.Name(name) + ";");
        }

        foreach (var field in _plan.Fields)
        {
            var optional = field.Auxiliary || field.BuiltWhen is not null;
            writer.Line("private readonly " + _modules.Type(field.Module) + (optional ? "? " : " ") + CSharpCode.Name(field.Name) + ";");
        }
    }

    private void Constructor(SourceWriter writer)
    {
        writer.Line(_network is null
            ? "/// <summary>Creates the block for inputs with <paramref name=\"inChannels\"/> channels.</summary>"
            : "/// <summary>Creates the network.</summary>");
        var parameters = new List<string>();
        if (_plan.Kind == ClassKind.Block)
        {
            writer.Line("/// <param name=\"inChannels\">The channels of the input.</param>");
            parameters.Add("long inChannels");
        }

        foreach (var parameter in _plan.Params)
        {
            writer.Line("/// <param name=\"" + parameter.Name + "\">The spec parameter <c>$" + parameter.Name + "</c>.</param>");
            parameters.Add(Parameter(parameter));
        }

        if (HasAuxiliary)
        {
            var heads = string.Join(", ", _plan.Fields.Where(f => f.Auxiliary).Select(f => "<c>" + f.Name + "</c>"));
            writer.Line("/// <param name=\"auxLogits\">Builds the auxiliary classifiers (" + heads + "); false leaves them out (torchvision's <c>aux_logits=False</c>).</param>");
            parameters.Add("bool " + AuxLogits + " = true");
        }

        writer.Line("public " + _plan.Name + "(" + string.Join(", ", parameters) + ")");
        using (writer.Indent())
        {
            writer.Line(": base(nameof(" + _plan.Name + "))");
        }

        writer.OpenBrace();
        var statements = new List<Statement>();
        foreach (var name in (_plan.Kind == ClassKind.Block ? new[] { BlockDef.InChannelsParameter } : new string[0]).Concat(_plan.ForwardParameters))
        {
            statements.Add(new AssignStatement("this." + CSharpCode.Name(name), new InlineCode(CSharpCode.Name(name))));
        }

        foreach (var field in _plan.Fields)
        {
            var creation = Creation(field);
            var header = field.Auxiliary ? "if (" + AuxLogits + ")" : field.BuiltWhen is { } condition ? "if (" + Condition(condition) + ")" : string.Empty;
            if (header.Length > 0 && statements.Count > 0 && statements[statements.Count - 1] is BlockStatement previous && previous.Header == header)
            {
                // Fields built under the same condition one after another share one if.
                statements[statements.Count - 1] = previous with { Body = previous.Body.Concat(creation).ToList() };
            }
            else
            {
                statements.Add(header.Length > 0 || creation.Count > 1 ? new BlockStatement(header, creation) : creation[0]);
            }
        }

        statements.Add(new ExpressionStatement("RegisterComponents()"));
        StatementWriter.Write(writer, Flatten(statements));
        writer.CloseBrace();
    }

    /// <summary>Statements that create a field: one assignment, or a repeat's loop and then the assignment.</summary>
    private List<Statement> Creation(FieldPlan field)
    {
        var target = (_parameters.Contains(field.Name) ? "this." : string.Empty) + CSharpCode.Name(field.Name);
        if (field.Module is not RepeatPlan repeat)
        {
            return new List<Statement> { new AssignStatement(target, _modules.Create(field.Module)) };
        }

        _usings.Collections = true;
        _usings.Globalization = true;
        var list = field.Name + "Blocks";
        var (first, rest) = (CSharpCode.Int(repeat.FirstIn), CSharpCode.Int(repeat.RestIn));
        var block = _modules.NewBlock(repeat.Block, first == rest ? first : "i == 0 ? " + first + " : " + rest, repeat.Args.Select(a => (a.Name, PerIndex(repeat, a))));
        return new List<Statement>
        {
            new AssignStatement(list, new InlineCode("new List<(string, Module<Tensor, Tensor>)>()"), Declare: true),
            new BlockStatement(
                "for (var i = 0; i < " + CSharpCode.Int(repeat.Count) + "; i++)",
                new Statement[] { new ExpressionStatement(list + ".Add((i.ToString(CultureInfo.InvariantCulture), " + block + "))") }),
            new AssignStatement(target, new InlineCode("nn.Sequential(" + list + ")")),
        };
    }

    /// <summary>A repeat's argument for index <c>i</c>: its shared value, or <c>i == 0 ? 2 : 1</c> where indices override it.</summary>
    private static string PerIndex(RepeatPlan repeat, ArgumentPlan shared) => repeat.Overrides
        .Select(o => (o.Index, Arg: o.Args.FirstOrDefault(a => a.Name == shared.Name)))
        .Where(o => o.Arg is not null)
        .Reverse()
        .Aggregate(
            ModuleCode.Argument(shared.Type, shared.Value),
            (others, o) => "i == " + o.Index.ToString(CultureInfo.InvariantCulture) + " ? " + ModuleCode.Argument(o.Arg!.Type, o.Arg.Value) + " : " + others);

    private void Forward(SourceWriter writer)
    {
        var check = _network is null
            ? "InputCheck.ExpectChannels(x, " + CSharpCode.Literal(_plan.Name) + ", inChannels);"
            : "InputCheck.Expect(x, " + CSharpCode.Literal(_plan.Name) + ", AcceptedInputs);";
        writer.Line("/// <inheritdoc />");
        if (HasAuxiliary)
        {
            _usings.Collections = true;
            writer.Line("public override Tensor forward(Tensor x) => Forward(x, null);");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public AuxiliaryOutputs ForwardWithAuxiliary(Tensor x)");
            writer.OpenBrace();
            writer.Line("var auxiliary = new List<AuxiliaryOutput>();");
            writer.Line("var logits = Forward(x, training ? auxiliary : null);");
            writer.Line("return new AuxiliaryOutputs(logits, auxiliary);");
            writer.CloseBrace();
            writer.Line();
            writer.Line("private Tensor Forward(Tensor x, List<AuxiliaryOutput>? auxiliary)");
        }
        else
        {
            writer.Line("public override Tensor forward(Tensor x)");
        }

        writer.OpenBrace();
        writer.Line(check);
        StatementWriter.Write(writer, new ForwardCode(_plan, _usings).Statements());
        writer.CloseBrace();
    }

    private void Constants(SourceWriter writer, NetworkPlan network)
    {
        var summary = network.Summary;
        _usings.Collections = true;
        writer.Line("/// <summary>The nominal input shape [C, H, W] (the batch dimension is implicit): the one the constants are for.</summary>");
        writer.Line("public static IReadOnlyList<long> InputShape { get; } = [" + string.Join(", ", summary.Input.Dims) + "];");
        writer.Line();
        writer.Line("/// <summary>Every input [C, H, W] the network accepts: " + CSharpCode.Xml(network.Accepts.ToString()) + ".</summary>");
        writer.Line("public static InputSizes AcceptedInputs { get; } = " + Accepted(network.Accepts) + ";");
        writer.Line();
        writer.Line("/// <summary>The output shape for the nominal input and the default parameters (the batch dimension is implicit).</summary>");
        writer.Line("public static IReadOnlyList<long> OutputShape { get; } = [" + string.Join(", ", summary.Output.Dims) + "];");
        writer.Line();
        writer.Line("/// <summary>The number of parameters for the default parameters.</summary>");
        writer.Line("public const long ParameterCount = " + summary.Parameters.ToString(CultureInfo.InvariantCulture) + ";");
        writer.Line();
        writer.Line("/// <summary>Multiply-adds of one forward pass of one nominal input, for the default parameters.</summary>");
        writer.Line("public const long MultiplyAdds = " + summary.MultiplyAdds.ToString(CultureInfo.InvariantCulture) + ";");
        writer.Line();
    }

    private static string Accepted(InputSizes accepts) => accepts.IsSingle
        ? "InputSizes.Exactly(" + accepts.Channels.ToString(CultureInfo.InvariantCulture) + ", " + accepts.Height.Min.ToString(CultureInfo.InvariantCulture) + ", " + accepts.Width.Min.ToString(CultureInfo.InvariantCulture) + ")"
        : "new(" + accepts.Channels.ToString(CultureInfo.InvariantCulture) + ", " + Sizes(accepts.Height) + ", " + Sizes(accepts.Width) + ")";

    private static string Sizes(SizeSet sizes) => sizes switch
    {
        { IsRange: false } => "Sizes.OneOf(" + string.Join(", ", sizes.Values) + ")",
        { Max: { } max } => "Sizes.Between(" + sizes.Min.ToString(CultureInfo.InvariantCulture) + ", " + max.ToString(CultureInfo.InvariantCulture) + ")",
        _ => "Sizes.AtLeast(" + sizes.Min.ToString(CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>The input, output, totals and the top-level modules; the full table is <c>netdsl summary</c>'s.</summary>
    private static void Remarks(SourceWriter writer, NetworkPlan network)
    {
        var summary = network.Summary;
        var rows = summary.Layers.Where(l => l.Depth == 0)
            .Select(l => (Path: l.Path, Shape: l.Output.ToString(), Params: l.Parameters.ToString("N0", CultureInfo.InvariantCulture)))
            .ToList();
        var pathWidth = rows.Select(r => r.Path.Length).Concat(new[] { 5 }).Max();
        var shapeWidth = rows.Select(r => r.Shape.Length).Concat(new[] { 6 }).Max();
        var accepts = network.Accepts.IsSingle ? string.Empty : " (accepts " + network.Accepts + ")";
        writer.Line("/// <remarks>");
        writer.Line("/// <para>Input " + summary.Input + accepts + ", output " + summary.Output + ", "
            + summary.Parameters.ToString("N0", CultureInfo.InvariantCulture) + " parameters, "
            + summary.MultiplyAdds.ToString("N0", CultureInfo.InvariantCulture) + " multiply-adds (default parameters). "
            + "Every layer: <c>netdsl summary " + summary.Network + "</c>.</para>");
        writer.Line("/// <code>");
        writer.Line("/// " + "layer".PadRight(pathWidth) + "  " + "output".PadRight(shapeWidth) + "  params");
        foreach (var row in rows)
        {
            writer.Line(("/// " + CSharpCode.Xml(row.Path).PadRight(pathWidth) + "  " + row.Shape.PadRight(shapeWidth) + "  " + row.Params).TrimEnd());
        }

        writer.Line("/// </code>");
        writer.Line("/// </remarks>");
    }

    private static string Condition(Condition condition) =>
        string.Join(" || ", condition.Terms.Select(t => CSharpCode.Int(t.Left) + " != " + CSharpCode.Int(t.Right)));

    private static string Parameter(ParamDef parameter)
    {
        var type = parameter.Type == ParamType.Int ? "int" : "double";
        var text = type + " " + CSharpCode.Name(parameter.Name);
        return parameter.Default is NumberExpr value
            ? text + " = " + (parameter.Type == ParamType.Int ? CSharpCode.Int(value) : CSharpCode.Double(value.Value))
            : text;
    }

    private static IReadOnlyList<Statement> Flatten(IEnumerable<Statement> statements) =>
        statements.SelectMany(s => s is BlockStatement { Header.Length: 0 } group ? group.Body : new[] { s }).ToList();
}
