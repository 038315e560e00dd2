using System;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// A spec that passed the checks but that the emitter cannot turn into C# (the pipeline reports it as ND0201
    /// instead of letting it escape the generator).
    /// </summary>
    public sealed class EmitException : Exception
    {
        /// <summary>Creates the exception with a message naming the construct.</summary>
        public EmitException(string message)
            : base(message)
        {
        }
    }
}
