namespace NetDsl.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>The project's root namespace.</summary>
    public const string RootNamespace = nameof(RootNamespace);

    /// <summary>One parsed spec file.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The blocks of one spec file.</summary>
    public const string Blocks = nameof(Blocks);

    /// <summary>Every block of the project.</summary>
    public const string Library = nameof(Library);

    /// <summary>One file checked and emitted.</summary>
    public const string Emit = nameof(Emit);

    /// <summary>One file's generated source.</summary>
    public const string Source = nameof(Source);

    /// <summary>One file's diagnostics.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>One class with <c>[NetBlock]</c>, read.</summary>
    public const string ReadBlockDeclaration = nameof(ReadBlockDeclaration);

    /// <summary>One class with <c>[Network]</c>, read.</summary>
    public const string ReadNetworkDeclaration = nameof(ReadNetworkDeclaration);

    /// <summary>Every attribute declaration, one item each.</summary>
    public const string Declarations = nameof(Declarations);

    /// <summary>The blocks of one attribute declaration.</summary>
    public const string DeclarationBlocks = nameof(DeclarationBlocks);

    /// <summary>One attribute declaration checked and emitted.</summary>
    public const string DeclarationEmit = nameof(DeclarationEmit);

    /// <summary>One attribute declaration's generated source.</summary>
    public const string DeclarationSource = nameof(DeclarationSource);

    /// <summary>One attribute declaration's diagnostics.</summary>
    public const string DeclarationDiagnostics = nameof(DeclarationDiagnostics);
}
