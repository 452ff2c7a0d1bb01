using System.Globalization;
using System.Text;

namespace SciTransfer.Transfer.Results;

/// <summary>
/// Legacy hand-written RFC 4180 quoting/splitting. Obsolete for the harness and for domain loaders: every table of
/// SciTransfer.Transfer and the CLI now goes through <see cref="Tables.CsvTableReader"/> and
/// <see cref="Tables.CsvTableWriter"/>. Kept only while a domain loader (the epidemiology NytLoader) still calls it;
/// delete it once that loader is ported (issue 12, Tables).
/// </summary>
public static class CsvText
{
    /// <summary>Quotes a field when it holds a comma, quote or line break.</summary>
    public static string Field(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Round-trip formatting ("R"), invariant; NaN as "NaN".</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Splits one CSV line into fields; returns null when quotes are unbalanced.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        sb.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(sb.ToString());
        return fields;
    }

    /// <summary>Parses an invariant double ("NaN", "Infinity" included).</summary>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
