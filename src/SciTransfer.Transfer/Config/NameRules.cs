using System.Globalization;

namespace SciTransfer.Transfer.Config;

/// <summary>
/// What a study name, problem id, strategy name or metric name may hold: they become CSV fields, log lines and (mapped
/// by <see cref="Figures.FigureStore.Safe"/>) file names, so they must be printable, single-line, free of the
/// characters CSV and paths treat specially (comma, double quote, backslash) and at most <see cref="MaxLength"/>
/// characters. A slash is allowed: problem ids such as "quantum/fashion-to-digits/qcnn" are paths of names.
/// </summary>
public static class NameRules
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxLength = 120;

    /// <summary>Null when <paramref name="name"/> is acceptable, else what is wrong with it.</summary>
    public static string? Check(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is {name.Length} characters long; the limit is {MaxLength}");
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return string.Create(CultureInfo.InvariantCulture, $"contains the unprintable character U+{(int)c:X4} at position {i + 1}");
            }

            if (c is ',' or '"' or '\\')
            {
                return string.Create(CultureInfo.InvariantCulture, $"contains '{c}' at position {i + 1}, which breaks CSV files or file names; use letters, digits and - _ . / +");
            }
        }

        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1]))
        {
            return "must not start or end with white space";
        }

        return null;
    }
}
