using System.Globalization;

namespace SciTransfer.Transfer.Options;

/// <summary>
/// One declared option of a problem: name, shape, default, allowed range or values, unit and a one-line doc.
/// Build with the factory methods (<see cref="Integer"/>, <see cref="Number"/>, ...).
/// </summary>
public sealed record OptionSpec
{
    private OptionSpec(string name, OptionKind kind, string doc)
    {
        if (string.IsNullOrWhiteSpace(name) || name.AsSpan().IndexOfAny(" \t\".$[]") >= 0)
        {
            throw new ArgumentException($"option name '{name}' must be a plain key", nameof(name));
        }

        Name = name;
        Kind = kind;
        Doc = doc;
    }

    /// <summary>Key in the options object.</summary>
    public string Name { get; }

    /// <summary>JSON shape.</summary>
    public OptionKind Kind { get; }

    /// <summary>One line for listings, the schema and <c>init</c>.</summary>
    public string Doc { get; }

    /// <summary>Value when absent (int, double, bool, string, int[], double[], string[]); null when required or optional-without-default.</summary>
    public object? Default { get; init; }

    /// <summary>Value when absent under <c>--quick</c>; null: same as <see cref="Default"/>.</summary>
    public object? QuickDefault { get; init; }

    /// <summary>Smallest allowed value (numbers, and each element of number lists).</summary>
    public double? Min { get; init; }

    /// <summary>Largest allowed value (numbers, and each element of number lists).</summary>
    public double? Max { get; init; }

    /// <summary>Allowed values of a <see cref="OptionKind.Choice"/>.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Unit for docs ("K", "h", "%"), empty when dimensionless.</summary>
    public string Unit { get; init; } = "";

    /// <summary>True when the option may be left out with no default (the problem then behaves differently, e.g. a seeded split instead of named stations).</summary>
    public bool Optional { get; init; }

    /// <summary>True when a list must have at least one element.</summary>
    public bool NonEmpty { get; init; }

    /// <summary>True when the option must be given.</summary>
    public bool Required => Default is null && !Optional;

    /// <summary>True when <c>--quick</c> changes the default.</summary>
    public bool QuickChanges => QuickDefault is not null;

    /// <summary>The default in effect under the given quick flag.</summary>
    public object? DefaultFor(bool quick) => quick && QuickDefault is not null ? QuickDefault : Default;

    /// <summary>An integer in [min, max].</summary>
    public static OptionSpec Integer(string name, int? defaultValue, int min, int max, string doc, string unit = "", int? quick = null) =>
        new(name, OptionKind.Integer, doc) { Default = defaultValue, Min = min, Max = max, Unit = unit, QuickDefault = quick };

    /// <summary>A number in [min, max].</summary>
    public static OptionSpec Number(string name, double? defaultValue, double min, double max, string doc, string unit = "", double? quick = null) =>
        new(name, OptionKind.Number, doc) { Default = defaultValue, Min = min, Max = max, Unit = unit, QuickDefault = quick };

    /// <summary>A boolean.</summary>
    public static OptionSpec Boolean(string name, bool defaultValue, string doc, bool? quick = null) =>
        new(name, OptionKind.Boolean, doc) { Default = defaultValue, QuickDefault = quick };

    /// <summary>Free text (null default: required).</summary>
    public static OptionSpec Text(string name, string? defaultValue, string doc) =>
        new(name, OptionKind.Text, doc) { Default = defaultValue };

    /// <summary>One of <paramref name="choices"/>.</summary>
    public static OptionSpec Choice(string name, string defaultValue, IReadOnlyList<string> choices, string doc) =>
        new(name, OptionKind.Choice, doc) { Default = defaultValue, Choices = choices };

    /// <summary>A list of integers, each in [min, max].</summary>
    public static OptionSpec IntegerList(string name, int[]? defaultValue, int min, int max, string doc, string unit = "", int[]? quick = null) =>
        new(name, OptionKind.IntegerList, doc) { Default = defaultValue, Min = min, Max = max, Unit = unit, QuickDefault = quick };

    /// <summary>A list of numbers, each in [min, max].</summary>
    public static OptionSpec NumberList(string name, double[]? defaultValue, double min, double max, string doc, string unit = "", double[]? quick = null) =>
        new(name, OptionKind.NumberList, doc) { Default = defaultValue, Min = min, Max = max, Unit = unit, QuickDefault = quick };

    /// <summary>A list of strings.</summary>
    public static OptionSpec TextList(string name, string[]? defaultValue, string doc) =>
        new(name, OptionKind.TextList, doc) { Default = defaultValue };

    /// <summary>The default as JSON-like text for listings ("32", "[16, 16]", "required", "(none)").</summary>
    public string DefaultText(bool quick = false) => DefaultFor(quick) switch
    {
        null => Required ? "required" : "(none)",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int[] a => "[" + string.Join(", ", a.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]",
        double[] a => "[" + string.Join(", ", a.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]",
        string[] a => "[" + string.Join(", ", a.Select(v => $"\"{v}\"")) + "]",
        var o => o.ToString() ?? "",
    };

    /// <summary>Allowed values as text: "1..4096", "one of: a, b".</summary>
    public string RangeText() => Kind switch
    {
        OptionKind.Choice => "one of: " + string.Join(", ", Choices ?? []),
        OptionKind.Integer or OptionKind.IntegerList when Min is not null || Max is not null =>
            $"{(Min is { } lo ? ((long)lo).ToString(CultureInfo.InvariantCulture) : "-inf")}..{(Max is { } hi ? ((long)hi).ToString(CultureInfo.InvariantCulture) : "inf")}",
        OptionKind.Number or OptionKind.NumberList when Min is not null || Max is not null =>
            $"{Min?.ToString("G6", CultureInfo.InvariantCulture) ?? "-inf"}..{Max?.ToString("G6", CultureInfo.InvariantCulture) ?? "inf"}",
        _ => "",
    };
}
