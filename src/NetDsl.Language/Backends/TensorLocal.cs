using System;
using System.Collections.Generic;

namespace NetDsl.Language.Backends;

/// <summary>
/// The tensor a run of forward steps works on, in every back end: a local that starts as another's value. Its first
/// assignment gives it a value from the source (<c>var b = conv.forward(x);</c>, <c>b = self.conv(x)</c>); later
/// steps read and write it.
/// </summary>
/// <typeparam name="TStatement">The back end's statement type.</typeparam>
internal sealed class TensorLocal<TStatement>
{
    private readonly Func<string, string, bool, TStatement> _assignment;
    private bool _assigned;

    /// <param name="name">The local's name.</param>
    /// <param name="source">What it reads until it is assigned.</param>
    /// <param name="assigned">Whether it already holds a value (a parameter such as <c>x</c>).</param>
    /// <param name="assignment">The back end's statement <c>name = value</c>, told whether it is the local's first.</param>
    public TensorLocal(string name, string source, bool assigned, Func<string, string, bool, TStatement> assignment)
    {
        Name = name;
        Source = source;
        _assigned = assigned;
        _assignment = assignment;
    }

    /// <summary>The local's name.</summary>
    public string Name { get; }

    /// <summary>What the next step reads: the source until the local has a value, then the local.</summary>
    public string Source { get; private set; }

    /// <summary>Appends <c>Name = value</c>; the local holds a value from here on.</summary>
    public void Assign(List<TStatement> statements, string value)
    {
        statements.Add(_assignment(Name, value, !_assigned));
        (_assigned, Source) = (true, Name);
    }

    /// <summary>Makes sure the local holds a value (<c>b = x</c> when no step gave it one).</summary>
    public void Settle(List<TStatement> statements)
    {
        if (!_assigned || Source != Name)
        {
            Assign(statements, Source);
        }
    }
}
