using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>The imports a generated module needs, noted while its classes are written (pyflakes rejects unused ones).</summary>
internal sealed class Imports
{
    /// <summary>Every name an import can bind, reserved at module level whether it is imported or not.</summary>
    public static readonly string[] Names = { "OrderedDict", "Callable", "NamedTuple", "Optional", "Union", "torch", "F", "Tensor", "nn", "_size_2_t" };

    private readonly HashSet<string> _used = new(System.StringComparer.Ordinal) { "Tensor", "nn" };

    /// <summary>Notes that the code names <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public void Use(string name) => _used.Add(name);

    /// <summary>The import lines in isort's order: the standard library, then PyTorch.</summary>
    public IEnumerable<string> Lines()
    {
        if (_used.Contains("OrderedDict"))
        {
            yield return "from collections import OrderedDict";
        }

        var typing = new[] { "Callable", "NamedTuple", "Optional", "Union" }.Where(_used.Contains).ToList();
        if (typing.Count > 0)
        {
            yield return "from typing import " + string.Join(", ", typing);
        }

        if (_used.Contains("OrderedDict") || typing.Count > 0)
        {
            yield return string.Empty;
        }

        if (_used.Contains("torch"))
        {
            yield return "import torch";
        }

        if (_used.Contains("F"))
        {
            yield return "import torch.nn.functional as F";
        }

        yield return "from torch import Tensor, nn";
        if (_used.Contains("_size_2_t"))
        {
            yield return "from torch.nn.common_types import _size_2_t";
        }
    }
}
