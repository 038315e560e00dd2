using System.Globalization;
using System.Text;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>Literals and identifiers as Python writes them.</summary>
internal static class PythonCode
{
    /// <summary>A float literal as Python's <c>repr</c> writes it: <c>0.001</c>, <c>1.0</c>, <c>1e-05</c>.</summary>
    public static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.IndexOfAny(new[] { '.', 'e' }) >= 0 ? text : text + ".0";
    }

    /// <summary>A double-quoted Python string literal.</summary>
    public static string Literal(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary><c>ResNet50</c> → <c>res_net50</c>, <c>InceptionV4</c> → <c>inception_v4</c>, <c>VGG16</c> → <c>vgg16</c>.</summary>
    public static string SnakeCase(string name)
    {
        var snake = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_'
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
