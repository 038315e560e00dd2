namespace NetDsl.Language.Backends.PyTorch;

/// <summary>The name of a network's Python module: the network's name in snake_case.</summary>
internal static class ModuleName
{
    /// <summary>
    /// <c>ResNet50</c> → <c>res_net50</c>. A name Python could not import (a keyword), or one that would shadow
    /// the trainer beside it, PyTorch, NumPy or a standard-library module for every script in its folder, gets
    /// <c>_net</c> appended.
    /// </summary>
    public static string Of(string network)
    {
        var name = PythonCode.SnakeCase(network);
        return PythonReserved.Keywords.Contains(name) || PythonReserved.StandardModules.Contains(name) || name is "train" or "torch" or "numpy"
            ? name + "_net"
            : name;
    }
}
