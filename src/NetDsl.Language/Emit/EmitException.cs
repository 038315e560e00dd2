using System;
using NetDsl.Language.Model;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// A spec that passed the checks but that the emitter cannot turn into C# (the pipeline reports it as ND0201
    /// instead of letting it escape the generator).
    /// </summary>
    public sealed class EmitException : Exception
    {
        /// <summary>Creates the exception with a message naming the construct, and where it was written if known.</summary>
        public EmitException(string message, SourceSpan? span = null)
            : base(message)
        {
            Span = span;
        }

        /// <summary>Where the construct was written, when the emitter knows.</summary>
        public SourceSpan? Span { get; }
    }
}
