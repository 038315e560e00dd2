using System.Globalization;
using NetDsl.Language.Model;

namespace NetDsl.Language.Syntax;

/// <summary>
/// Parses <c>$planes * 4</c>, <c>($k + 1) / 2</c>, <c>-1</c> and literals by recursive descent (expression →
/// term → factor); every node gets the span of its text inside the scalar.
/// </summary>
internal sealed class ExpressionParser
{
    private const int MaxNesting = 32;
    private readonly string _text;
    private readonly SourceSpan _scalar;
    private readonly int _shift;
    private int _position;
    private int _nesting;

    private ExpressionParser(YamlScalar scalar)
    {
        _text = scalar.Value;
        _scalar = scalar.Span;
        var singleLine = scalar.Span.StartLine == scalar.Span.EndLine && !_text.Contains("\n");
        _shift = singleLine ? (scalar.IsQuoted ? 1 : 0) : -1;
    }

    /// <summary>The expression, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static Expr? Parse(YamlScalar scalar, out string? error)
    {
        var parser = new ExpressionParser(scalar);
        try
        {
            var expr = parser.ParseSum();
            parser.SkipSpaces();
            if (parser._position < parser._text.Length)
            {
                throw new ExpressionException($"unexpected '{parser._text[parser._position]}' at column {parser._position + 1}");
            }

            error = null;
            return expr;
        }
        catch (ExpressionException e)
        {
            error = e.Message;
            return null;
        }
    }

    private Expr ParseSum()
    {
        var start = Start();
        var left = ParseProduct();
        while (Accept('+') || Accept('-'))
        {
            var op = _text[_position - 1] == '+' ? BinaryOp.Add : BinaryOp.Subtract;
            left = new BinaryExpr(op, left, ParseProduct()) { Span = SpanFrom(start) };
        }

        return left;
    }

    private Expr ParseProduct()
    {
        var start = Start();
        var left = ParseFactor();
        while (Accept('*') || Accept('/'))
        {
            var op = _text[_position - 1] == '*' ? BinaryOp.Multiply : BinaryOp.Divide;
            left = new BinaryExpr(op, left, ParseFactor()) { Span = SpanFrom(start) };
        }

        return left;
    }

    private Expr ParseFactor()
    {
        var start = Start();
        if (Accept('('))
        {
            if (++_nesting > MaxNesting)
            {
                throw new ExpressionException($"parentheses nested more than {MaxNesting} deep");
            }

            var inner = ParseSum();
            _nesting--;
            if (!Accept(')'))
            {
                throw new ExpressionException("missing ')'");
            }

            return inner with { Span = SpanFrom(start) };
        }

        if (Accept('-'))
        {
            var operand = ParseFactor();
            return new BinaryExpr(BinaryOp.Subtract, Expr.Int(0, SpanFrom(start)), operand) { Span = SpanFrom(start) };
        }

        if (Accept('$'))
        {
            var nameStart = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            if (_position == nameStart || char.IsDigit(_text[nameStart]))
            {
                throw new ExpressionException("'$' must be followed by a parameter name");
            }

            return new ParamExpr(_text.Substring(nameStart, _position - nameStart)) { Span = SpanFrom(start) };
        }

        return ParseNumber(start);
    }

    private Expr ParseNumber(int start)
    {
        var numberStart = _position;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'
            || (_text[_position] is '+' or '-' && _position > numberStart && _text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }

        var literal = _text.Substring(numberStart, _position - numberStart);
        if (literal.Length == 0)
        {
            throw new ExpressionException(_position < _text.Length ? $"unexpected '{_text[_position]}' at column {_position + 1}" : "a number or '$parameter' is missing at the end");
        }

        var isInteger = literal.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
        if (isInteger && int.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            return Expr.Int(integer, SpanFrom(start));
        }

        if (!isInteger && double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return new NumberExpr(value, false) { Span = SpanFrom(start) };
        }

        throw new ExpressionException($"'{literal}' is not a number (or is too large)");
    }

    private int Start()
    {
        SkipSpaces();
        return _position;
    }

    private bool Accept(char c)
    {
        SkipSpaces();
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private SourceSpan SpanFrom(int start)
    {
        if (_shift < 0)
        {
            return _scalar;
        }

        var from = start + _shift;
        var to = _position + _shift;
        return _scalar with
        {
            StartOffset = _scalar.StartOffset + from,
            EndOffset = _scalar.StartOffset + to,
            StartColumn = _scalar.StartColumn + from,
            EndLine = _scalar.StartLine,
            EndColumn = _scalar.StartColumn + to,
        };
    }

    private sealed class ExpressionException : System.Exception
    {
        public ExpressionException(string message)
            : base(message)
        {
        }
    }
}
