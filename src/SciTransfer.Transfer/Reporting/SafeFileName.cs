using System.Text;

namespace SciTransfer.Transfer.Reporting;

/// <summary>File-name-safe versions of problem ids, metric names and figure ids.</summary>
public static class SafeFileName
{
    /// <summary>
    /// Keeps ASCII letters, digits, '-', '_' and '.', replaces every other character (including '/',
    /// '\\', ':' and spaces) with '_'; a leading '.' also becomes '_' (no hidden files, no "..").
    /// </summary>
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "_";
        }

        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        if (sb[0] == '.')
        {
            sb[0] = '_';
        }

        return sb.ToString();
    }

    /// <summary>
    /// <see cref="From"/>, then "-2", "-3", ... appended until the name is not in <paramref name="taken"/>
    /// (compared ignoring case, for case-insensitive file systems); the result is added to it.
    /// </summary>
    public static string Unique(string name, ISet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        string safe = From(name);
        string candidate = safe;
        for (int k = 2; !taken.Add(candidate.ToUpperInvariant()); k++)
        {
            candidate = $"{safe}-{k}";
        }

        return candidate;
    }
}
