namespace NetDsl.Generators
{
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
    }
}
