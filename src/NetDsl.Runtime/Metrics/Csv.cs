namespace NetDsl.Runtime.Metrics;

/// <summary>Quoting of CSV fields (RFC 4180).</summary>
internal static class Csv
{
    public static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";
}
