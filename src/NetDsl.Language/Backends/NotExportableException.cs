using NetDsl.Language.Model;

namespace NetDsl.Language.Backends;

/// <summary>A network that checks clean but cannot be written for another engine (PyTorch, ONNX) as it is; the message says where and what to change.</summary>
public sealed class NotExportableException : System.Exception
{
    /// <summary>Creates the exception for the layer at <paramref name="span"/>.</summary>
    public NotExportableException(SourceSpan span, string message)
        : base(span + ": " + message)
    {
        Span = span;
    }

    /// <summary>Where the layer that cannot be exported was written.</summary>
    public SourceSpan Span { get; }
}
