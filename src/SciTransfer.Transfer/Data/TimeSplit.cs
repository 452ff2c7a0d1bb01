using System.Globalization;
using System.Text.Json.Nodes;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;

namespace SciTransfer.Transfer.Data;

/// <summary>An inclusive UTC time range. A date without a time as the end bound means the end of that day.</summary>
/// <param name="From">First instant (inclusive).</param>
/// <param name="To">Last instant (inclusive).</param>
public readonly record struct TimeRange(DateTime From, DateTime To)
{
    /// <summary>True when <paramref name="t"/> lies in the range.</summary>
    public bool Contains(DateTime t) => t >= From && t <= To;

    /// <summary>True when the ranges share an instant.</summary>
    public bool Overlaps(TimeRange other) => From <= other.To && other.From <= To;

    /// <inheritdoc />
    public override string ToString() => $"{From:yyyy-MM-ddTHH:mm:ssZ} .. {To:yyyy-MM-ddTHH:mm:ssZ}";
}

/// <summary>
/// Pool, validation and test by date-time ranges (the standard train-on-earlier / test-on-later evaluation), e.g.
/// <c>{"kind": "time", "pool": ["1996-03-26", "1997-03-26"], "validation": ["1997-03-27", "1997-08-13T11:00Z"],
/// "test": ["1997-08-13T12:00Z", "1997-12-30"]}</c>. Times without a zone are UTC; ranges must not overlap.
/// </summary>
public sealed record TimeSplit(string ConfigFile, string JsonPath, TimeRange Pool, TimeRange? Validation, TimeRange Test) : SplitSpec(ConfigFile, JsonPath)
{
    /// <inheritdoc />
    public override SplitKind Kind => SplitKind.Time;

    /// <summary>Parses a time split.</summary>
    public static TimeSplit Read(OptionsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        TimeRange? Range(string key, bool required)
        {
            if (!required && !r.Has(key))
            {
                return null;
            }

            string[] v = r.GetStringArray(key, []);
            if (v.Length != 2)
            {
                throw r.Error(key, $"expected [from, to] (two ISO 8601 dates or date-times), found {v.Length} value(s)");
            }

            var from = ParseInstant(v[0], endOfDay: false) ?? throw r.Error(key, $"'{v[0]}' is not an ISO 8601 date or date-time (e.g. 1997-03-27 or 1997-08-13T11:00Z)");
            var to = ParseInstant(v[1], endOfDay: true) ?? throw r.Error(key, $"'{v[1]}' is not an ISO 8601 date or date-time (e.g. 1997-03-27 or 1997-08-13T11:00Z)");
            if (to < from)
            {
                throw r.Error(key, $"ends ({v[1]}) before it starts ({v[0]})");
            }

            return new TimeRange(from, to);
        }

        var pool = Range("pool", true)!.Value;
        var validation = Range("validation", false);
        var test = Range("test", true)!.Value;
        if (pool.Overlaps(test))
        {
            throw r.Error("test", $"overlaps the pool ({pool})");
        }

        if (validation is { } v && (v.Overlaps(pool) || v.Overlaps(test)))
        {
            throw r.Error("validation", $"overlaps the pool or the test range");
        }

        return new TimeSplit(r.File, r.JsonPath, pool, validation, test);
    }

    /// <summary>Parses "1997-03-27" (start or end of that day) or a date-time with optional zone (UTC when absent).</summary>
    public static DateTime? ParseInstant(string text, bool endOfDay)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            return endOfDay ? day.AddDays(1).AddTicks(-1) : day;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }

    /// <inheritdoc />
    public override JsonObject Describe() => new()
    {
        ["kind"] = "time",
        ["pool"] = Pool.ToString(),
        ["validation"] = Validation?.ToString(),
        ["test"] = Test.ToString(),
    };

    /// <inheritdoc />
    protected override SplitRole[] AssignRoles(IReadOnlyList<SplitRecord> records, SeedTree seeds) =>
        [.. records.Select(r =>
        {
            var t = r.Time ?? throw Error("", $"record '{r.Id}' has no timestamp; a time split needs one on every record");
            return Pool.Contains(t) ? SplitRole.Pool
                : Test.Contains(t) ? SplitRole.Test
                : Validation is { } v && v.Contains(t) ? SplitRole.Validation
                : SplitRole.Unused;
        })];
}
