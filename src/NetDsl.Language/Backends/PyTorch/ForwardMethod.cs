using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;
using Variable = NetDsl.Language.Backends.TensorLocal<NetDsl.Language.Backends.PyTorch.PyStatement>;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>
/// A class's <c>forward</c> as Python statements, the same ones the C# back end writes: <c>x = self.conv1(x)</c>
/// for each step, a flat concat branch on a local of its own (<c>branch5x5 = self.branch5x5_1(x)</c>), a residual's
/// identity saved before the layers that overwrite <c>x</c>, an auxiliary head's logits kept in training mode.
/// </summary>
internal sealed class ForwardMethod
{
    private readonly ClassPlan _plan;
    private readonly ModuleClass _owner;
    private readonly Imports _imports;
    private readonly PythonNames.Scope _locals;
    private readonly HashSet<string> _fields;
    private int _residuals;

    public ForwardMethod(ClassPlan plan, ModuleClass owner, Imports imports, PythonNames.Scope locals)
    {
        _plan = plan;
        _owner = owner;
        _imports = imports;
        _locals = locals;
        _fields = new HashSet<string>(plan.Fields.Select(f => f.Name), System.StringComparer.Ordinal);
        _locals.Take("x");
    }

    /// <summary>The local each auxiliary head's logits go into, by field name, in field order.</summary>
    public IReadOnlyList<(string Field, string Local)> AuxiliaryLocals { get; private set; } = new List<(string, string)>();

    /// <summary>The statements of <c>forward</c> after the input check; the caller adds the return.</summary>
    public List<PyStatement> Statements()
    {
        AuxiliaryLocals = _plan.Fields.Where(f => f.Auxiliary).Select(f => (f.Name, _locals.Take(f.Name))).ToList();
        var statements = AuxiliaryLocals.Select(a => (PyStatement)new PyLine(a.Local + ": Optional[Tensor] = None")).ToList();
        if (AuxiliaryLocals.Count > 0)
        {
            _imports.Use("Optional");
        }

        Steps(_plan.Forward, NewLocal("x", "x", assigned: true), statements);
        return statements;
    }

    private void Steps(IEnumerable<StepPlan> steps, Variable x, List<PyStatement> statements)
    {
        foreach (var step in steps)
        {
            Step(step, x, statements);
        }
    }

    private void Step(StepPlan step, Variable x, List<PyStatement> statements)
    {
        switch (step)
        {
            case ApplyStep apply:
                x.Assign(statements, _owner.Field(apply.Field) + "(" + x.Source + ")");
                break;
            case ActivationStep activation:
                x.Assign(statements, Activate(activation.Kind, x.Source));
                break;
            case FlattenStep:
                _imports.Use("torch");
                x.Assign(statements, "torch.flatten(" + x.Source + ", 1)");
                break;
            case ConcatStep concat:
                Concat(concat, x, statements);
                break;
            case ResidualStep residual:
                x.Settle(statements);
                Residual(residual, x.Name, statements);
                break;
            case AuxStep aux:
                var head = _owner.Field(aux.Field);
                var local = AuxiliaryLocals.First(a => a.Field == aux.Field).Local;
                statements.Add(new PyIf("self.training and " + head + " is not None", new PyStatement[] { new PyAssign(local, new PyInline(head + "(" + x.Source + ")")) }));
                break;
        }
    }

    private void Concat(ConcatStep concat, Variable x, List<PyStatement> statements)
    {
        var parts = new List<string>();
        for (var i = 0; i < concat.Branches.Count; i++)
        {
            var branch = concat.Branches[i];
            if (!branch.Flat)
            {
                parts.Add(_owner.Field(branch.Name) + "(" + x.Source + ")");
                continue;
            }

            var local = NewLocal(Local(branch, i), x.Source, assigned: false);
            Steps(branch.Steps, local, statements);
            local.Settle(statements);
            parts.Add(local.Name);
        }

        _imports.Use("torch");
        x.Assign(statements, "torch.cat([" + string.Join(", ", parts) + "], 1)");
    }

    /// <summary>
    /// <c>identity = x</c> (or the zero-padding shortcut of x) before the pre-activation layers, a projection of
    /// their output after them, then the body, the add and the activation after it.
    /// </summary>
    private void Residual(ResidualStep residual, string x, List<PyStatement> statements)
    {
        var shortcut = residual.Shortcut;
        var target = NewLocal(x, x, assigned: true);
        if (shortcut.Use == ShortcutUse.None)
        {
            Steps(residual.Pre, target, statements);
            Steps(residual.Body, target, statements);
            Activate(statements, residual.Then, x);
            return;
        }

        var field = _owner.Field(shortcut.Field);
        var identity = _locals.Take(++_residuals == 1 ? "identity" : "identity" + _residuals);
        if (shortcut.Use != ShortcutUse.Module || !shortcut.ReadsPreActivated)
        {
            statements.Add(new PyAssign(identity, new PyInline(shortcut.Use == ShortcutUse.Module ? field + "(" + x + ")" : x)));
        }

        Steps(residual.Pre, target, statements);
        if (shortcut.Use == ShortcutUse.WhenBuilt)
        {
            statements.Add(new PyIf(field + " is not None", new PyStatement[] { new PyAssign(identity, new PyInline(field + "(" + x + ")")) }));
        }
        else if (shortcut.Use == ShortcutUse.Module && shortcut.ReadsPreActivated)
        {
            statements.Add(new PyAssign(identity, new PyInline(field + "(" + x + ")")));
        }

        Steps(residual.Body, target, statements);
        if (residual.Scale is NumberExpr { Value: 1.0 })
        {
            statements.Add(InPlaceAdd.Allowed(_plan, residual.Body)
                ? new PyLine(x + " += " + identity)
                : new PyAssign(x, new PyInline(x + " + " + identity)));
        }
        else
        {
            statements.Add(new PyAssign(x, new PyInline(x + " * " + _owner.Scale(residual.Scale) + " + " + identity)));
        }

        Activate(statements, residual.Then, x);
    }

    private void Activate(List<PyStatement> statements, Activation activation, string x)
    {
        if (activation != Activation.None)
        {
            statements.Add(new PyAssign(x, new PyInline(Activate(activation, x))));
        }
    }

    private string Activate(Activation activation, string x)
    {
        var function = Activations.Function(activation);
        if (function is null)
        {
            return x;
        }

        _imports.Use(function.StartsWith("torch.", System.StringComparison.Ordinal) ? "torch" : "F");
        return function + "(" + x + ")";
    }

    /// <summary>
    /// <c>branch5x5</c> for a branch whose first named layer is <c>branch5x5_1</c>, unless a field has that name
    /// (the C# back end's rule, so both read alike), else <c>b</c> and the branch's index.
    /// </summary>
    private string Local(BranchPlan branch, int index)
    {
        var stem = Regex.Replace(branch.Name, "_[0-9]+[a-z]?$", string.Empty);
        return _locals.Take(stem != branch.Name && !_fields.Contains(stem) && _locals.IsFree(stem) ? stem : "b" + index);
    }

    private static Variable NewLocal(string name, string source, bool assigned) =>
        new(name, source, assigned, (local, value, _) => new PyAssign(local, new PyInline(value)));
}
