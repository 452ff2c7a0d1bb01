using System.Globalization;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Options;

/// <summary>A problem's declared options, in declaration order; reads and validates an options object against them.</summary>
public sealed class OptionSet : IReadOnlyList<OptionSpec>
{
    private readonly List<OptionSpec> _specs;

    /// <summary>Declares the options; names must be unique.</summary>
    public OptionSet(IEnumerable<OptionSpec> specs)
    {
        _specs = [.. specs];
        var dup = _specs.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ArgumentException($"option '{dup.Key}' is declared twice");
        }
    }

    /// <summary>No options.</summary>
    public static OptionSet None { get; } = new([]);

    /// <inheritdoc />
    public int Count => _specs.Count;

    /// <inheritdoc />
    public OptionSpec this[int index] => _specs[index];

    /// <summary>The declaration named <paramref name="name"/>, or null.</summary>
    public OptionSpec? Find(string name) => _specs.Find(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <inheritdoc />
    public IEnumerator<OptionSpec> GetEnumerator() => _specs.GetEnumerator();

    /// <inheritdoc />
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Reads every declared option from <paramref name="reader"/> (defaults, quick-mode defaults, types, ranges and
    /// choices from the declarations; unknown keys are rejected later by the reader), recording resolved values.
    /// </summary>
    /// <param name="reader">The entry's "options" object.</param>
    /// <param name="quick">True under <c>--quick</c>.</param>
    /// <param name="data">The entry's resolved data block, or null.</param>
    public ProblemOptions Read(OptionsReader reader, bool quick, DataBlock? data = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in _specs)
        {
            if (reader.Has(spec.Name))
            {
                given.Add(spec.Name);
            }
            else if (spec.Optional && spec.DefaultFor(quick) is null)
            {
                values[spec.Name] = null;
                continue;
            }

            values[spec.Name] = ReadOne(reader, spec, quick);
        }

        return new ProblemOptions(this, values, given, reader, data);
    }

    private static object ReadOne(OptionsReader r, OptionSpec s, bool quick)
    {
        object? d = s.DefaultFor(quick);
        switch (s.Kind)
        {
            case OptionKind.Integer:
                return d is int di ? r.GetInt(s.Name, di, (int)(s.Min ?? int.MinValue), (int)(s.Max ?? int.MaxValue)) : CheckInt(r, s, r.GetInt(s.Name));
            case OptionKind.Number:
                return d is double dd ? r.GetDouble(s.Name, dd, s.Min ?? double.MinValue, s.Max ?? double.MaxValue) : CheckNumber(r, s, r.GetDouble(s.Name));
            case OptionKind.Boolean:
                return r.GetBool(s.Name, d is bool b && b);
            case OptionKind.Text:
                return d is string ds ? r.GetString(s.Name, ds) : r.GetString(s.Name);
            case OptionKind.Choice:
                return r.GetChoice(s.Name, (string)d!, s.Choices ?? []);
            case OptionKind.IntegerList:
            {
                int[] v = r.GetIntArray(s.Name, d as int[] ?? []);
                for (int i = 0; i < v.Length; i++)
                {
                    if ((s.Min is { } lo && v[i] < lo) || (s.Max is { } hi && v[i] > hi))
                    {
                        throw ElementError(r, s, i, v[i].ToString(CultureInfo.InvariantCulture));
                    }
                }

                return CheckCount(r, s, v, v.Length);
            }

            case OptionKind.NumberList:
            {
                double[] v = r.GetDoubleArray(s.Name, d as double[] ?? []);
                for (int i = 0; i < v.Length; i++)
                {
                    if (double.IsNaN(v[i]) || (s.Min is { } lo && v[i] < lo) || (s.Max is { } hi && v[i] > hi))
                    {
                        throw ElementError(r, s, i, v[i].ToString("G6", CultureInfo.InvariantCulture));
                    }
                }

                return CheckCount(r, s, v, v.Length);
            }

            case OptionKind.TextList:
            {
                string[] v = r.GetStringArray(s.Name, d as string[] ?? []);
                return CheckCount(r, s, v, v.Length);
            }

            default:
                throw new InvalidOperationException($"unknown option kind {s.Kind}");
        }
    }

    private static int CheckInt(OptionsReader r, OptionSpec s, int v) =>
        (s.Min is { } lo && v < lo) || (s.Max is { } hi && v > hi) ? throw r.Error(s.Name, $"must be in {s.RangeText()}, found {v}") : v;

    private static double CheckNumber(OptionsReader r, OptionSpec s, double v) =>
        double.IsNaN(v) || (s.Min is { } lo && v < lo) || (s.Max is { } hi && v > hi)
            ? throw r.Error(s.Name, string.Create(CultureInfo.InvariantCulture, $"must be in {s.RangeText()}, found {v:G6}"))
            : v;

    private static T CheckCount<T>(OptionsReader r, OptionSpec s, T value, int count) =>
        s.NonEmpty && count == 0 ? throw r.Error(s.Name, "must list at least one value") : value;

    private static ConfigException ElementError(OptionsReader r, OptionSpec s, int i, string found) =>
        new(r.File, string.Create(CultureInfo.InvariantCulture, $"{r.JsonPath}.{s.Name}[{i}]"), $"must be in {s.RangeText()}, found {found}");
}
