using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>
/// A class's <c>forward</c> as statements, as a person would write it: <c>x = conv1.forward(x);</c> for each step,
/// a flat concat branch on a local of its own (<c>var branch5x5 = branch5x5_1.forward(x);</c>), a residual's
/// identity saved before the layers that overwrite <c>x</c>.
/// </summary>
internal sealed class ForwardCode
{
    private readonly ClassPlan _plan;
    private readonly Usings _usings;
    private readonly HashSet<string> _names;
    private int _residuals;

    public ForwardCode(ClassPlan plan, Usings usings)
    {
        _plan = plan;
        _usings = usings;
        _names = new HashSet<string>(plan.Fields.Select(f => f.Name).Concat(new[] { "x", "auxiliary" }), System.StringComparer.Ordinal);
    }

    /// <summary>The statements of <c>forward</c> after the input check, ending with the return.</summary>
    public IReadOnlyList<Statement> Statements()
    {
        var statements = new List<Statement>();
        var x = new Variable("x", "x", declared: true);
        Steps(_plan.Forward, x, statements);
        return StatementWriter.Returning(statements, "x");
    }

    private void Steps(IEnumerable<StepPlan> steps, Variable x, List<Statement> statements)
    {
        foreach (var step in steps)
        {
            Step(step, x, statements);
        }
    }

    private void Step(StepPlan step, Variable x, List<Statement> statements)
    {
        switch (step)
        {
            case ApplyStep apply:
                x.Assign(statements, CSharpCode.Name(apply.Field) + ".forward(" + x.Source + ")");
                break;
            case ActivationStep activation:
                x.Assign(statements, Activate(activation.Kind, x.Source));
                break;
            case FlattenStep:
                x.Assign(statements, x.Source + ".flatten(1)");
                break;
            case ConcatStep concat:
                Concat(concat, x, statements);
                break;
            case ResidualStep residual:
                x.Settle(statements);
                Residual(residual, x.Name, statements);
                break;
            case AuxStep aux:
                var head = CSharpCode.Name(aux.Field);
                statements.Add(new BlockStatement(
                    "if (auxiliary is not null && " + head + " is not null)",
                    new Statement[] { new ExpressionStatement("auxiliary.Add(new AuxiliaryOutput(" + CSharpCode.Literal(aux.Field) + ", " + head + ".forward(" + x.Source + "), " + CSharpCode.Double(aux.LossWeight) + "))") }));
                break;
        }
    }

    private void Concat(ConcatStep concat, Variable x, List<Statement> statements)
    {
        var parts = new List<string>();
        for (var i = 0; i < concat.Branches.Count; i++)
        {
            var branch = concat.Branches[i];
            if (!branch.Flat)
            {
                parts.Add(CSharpCode.Name(branch.Name) + ".forward(" + x.Source + ")");
                continue;
            }

            var local = new Variable(Local(branch, i), x.Source, declared: false);
            Steps(branch.Steps, local, statements);
            local.Settle(statements);
            parts.Add(local.Name);
        }

        _usings.Torch = true;
        x.Assign(statements, "torch.cat([" + string.Join(", ", parts) + "], 1)");
    }

    /// <summary>
    /// <c>identity = x</c> (or the zero-padding shortcut of x) before the pre-activation layers, a projection of
    /// their output after them, then the body, the add and the activation after it.
    /// </summary>
    private void Residual(ResidualStep residual, string x, List<Statement> statements)
    {
        var shortcut = residual.Shortcut;
        var field = CSharpCode.Name(shortcut.Field);
        var target = new Variable(x, x, declared: true);
        if (shortcut.Use == ShortcutUse.None)
        {
            Steps(residual.Pre, target, statements);
            Steps(residual.Body, target, statements);
            Activate(statements, residual.Then, x);
            return;
        }

        var identity = ++_residuals == 1 ? "identity" : "identity" + _residuals;
        if (shortcut.Use != ShortcutUse.Module || !shortcut.ReadsPreActivated)
        {
            var saved = shortcut.Use == ShortcutUse.Module ? field + ".forward(" + x + ")" : x;
            statements.Add(new AssignStatement(identity, new InlineCode(saved), Declare: true));
        }

        Steps(residual.Pre, target, statements);
        if (shortcut.Use == ShortcutUse.WhenBuilt)
        {
            statements.Add(new BlockStatement("if (" + field + " is not null)", new Statement[] { new AssignStatement(identity, new InlineCode(field + ".forward(" + x + ")")) }));
        }
        else if (shortcut.Use == ShortcutUse.Module && shortcut.ReadsPreActivated)
        {
            statements.Add(new AssignStatement(identity, new InlineCode(field + ".forward(" + x + ")"), Declare: true));
        }

        Steps(residual.Body, target, statements);
        if (residual.Scale is NumberExpr { Value: 1.0 })
        {
            if (EndsWithFreshOutput(residual.Body))
            {
                statements.Add(new ExpressionStatement(x + ".add_(" + identity + ")"));
            }
            else
            {
                statements.Add(new AssignStatement(x, new InlineCode(x + " + " + identity)));
            }
        }
        else
        {
            statements.Add(new AssignStatement(x, new InlineCode(x + " * " + CSharpCode.Real(residual.Scale) + " + " + identity)));
        }

        Activate(statements, residual.Then, x);
    }

    private static void Activate(List<Statement> statements, Activation activation, string x)
    {
        if (activation != Activation.None)
        {
            statements.Add(new AssignStatement(x, new InlineCode(Activate(activation, x))));
        }
    }

    /// <summary>
    /// Whether the body's last step is a conv or a batch norm without an activation after it: its output is not
    /// saved for the backward pass, so the add may write into it.
    /// </summary>
    private bool EndsWithFreshOutput(EquatableArray<StepPlan> body) => body.Count > 0 && body[body.Count - 1] is ApplyStep last && _plan.Field(last.Field).Module switch
    {
        ConvPlan or BatchNormPlan => true,
        ConvUnitPlan unit => unit.Act == Activation.None && unit.Order == ConvOrder.Post,
        _ => false,
    };

    /// <summary><c>branch5x5</c> for a branch whose first named layer is <c>branch5x5_1</c>, unless a field has that name.</summary>
    private string Local(BranchPlan branch, int index)
    {
        var stem = Regex.Replace(branch.Name, "_[0-9]+[a-z]?$", string.Empty);
        var name = stem != branch.Name && CSharpCode.Name(stem) == stem && !_names.Contains(stem) ? stem : "b" + index;
        while (!_names.Add(name))
        {
            name = "_" + name;
        }

        return name;
    }

    private static string Activate(Activation activation, string x) => activation switch
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

    /// <summary>
    /// The tensor a run of steps works on: a local that starts as another's value. Its first statement declares it
    /// from the source (<c>var b = conv.forward(x);</c>); later ones read and write it.
    /// </summary>
    private sealed class Variable
    {
        private bool _declared;

        public Variable(string name, string source, bool declared)
        {
            Name = name;
            Source = source;
            _declared = declared;
        }

        public string Name { get; }

        /// <summary>What the next step reads: the source until the local has a value, then the local.</summary>
        public string Source { get; private set; }

        public void Assign(List<Statement> statements, string value)
        {
            statements.Add(new AssignStatement(Name, new InlineCode(value), Declare: !_declared));
            (_declared, Source) = (true, Name);
        }

        /// <summary>Makes sure the local holds a value (<c>var b = x;</c> when no step gave it one).</summary>
        public void Settle(List<Statement> statements)
        {
            if (!_declared || Source != Name)
            {
                Assign(statements, Source);
            }
        }
    }
}
