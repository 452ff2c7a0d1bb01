using System.Globalization;
using System.Text;

namespace SciTransfer.Transfer.Results;

/// <summary>Minimal RFC 4180 field quoting/splitting and invariant number formatting for the run's CSV files.</summary>
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
