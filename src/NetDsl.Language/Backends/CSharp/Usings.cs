using System.Collections.Generic;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>The <c>using</c> directives a generated file needs, noted while its classes are written.</summary>
internal sealed class Usings
{
    /// <summary><c>List</c> or <c>IReadOnlyList</c> appear.</summary>
    public bool Collections { get; set; }

    /// <summary><c>CultureInfo</c> appears (a repeat built in a loop).</summary>
    public bool Globalization { get; set; }

    /// <summary><c>torch.cat</c> appears.</summary>
    public bool Torch { get; set; }

    /// <summary>A field has a TorchSharp module type (<c>Conv2d</c>, <c>Sequential</c>, …).</summary>
    public bool Modules { get; set; }

    /// <summary>NetDsl.Nn's <c>Activation</c> is named (TorchSharp has a type of that name too).</summary>
    public bool ActivationAlias { get; set; }

    /// <summary>The directives, in the order .NET's style puts them.</summary>
    public IEnumerable<string> Lines()
    {
        if (Collections)
        {
            yield return "using System.Collections.Generic;";
        }

        if (Globalization)
        {
            yield return "using System.Globalization;";
        }

        yield return "using NetDsl.Nn;";
        if (Torch)
        {
            yield return "using TorchSharp;";
        }

        if (Modules)
        {
            yield return "using TorchSharp.Modules;";
        }

        yield return "using static TorchSharp.torch;";
        yield return "using static TorchSharp.torch.nn;";
        if (ActivationAlias)
        {
            yield return "using Activation = NetDsl.Nn.Activation;";
        }
    }
}
