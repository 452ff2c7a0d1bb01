using System.Text.Json.Nodes;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;

namespace SciTransfer.Transfer.Data;

/// <summary>
/// Whole groups go to one role, so that near-duplicates (the same station, county or channel geometry at other
/// times or flow rates) never sit on both sides. Either name the groups (<c>test</c>, optional <c>validation</c> and
/// <c>pool</c>; without <c>pool</c> every other group is pool) or give <c>test_fraction</c> (groups drawn per repeat).
/// </summary>
public sealed record GroupSplit(
    string ConfigFile, string JsonPath, string Column, IReadOnlyList<string>? Pool, IReadOnlyList<string>? Validation, IReadOnlyList<string>? Test, double TestFraction, double ValidationFraction)
    : SplitSpec(ConfigFile, JsonPath)
{
    /// <inheritdoc />
    public override SplitKind Kind => SplitKind.Group;

    /// <summary>Parses a group split.</summary>
    public static GroupSplit Read(OptionsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string column = r.GetString("column");
        string[]? Names(string key) => r.Has(key) ? r.GetStringArray(key, []) : null;
        var pool = Names("pool");
        var validation = Names("validation");
        var test = Names("test");
        bool fractions = r.Has("test_fraction");
        double testFraction = r.GetDouble("test_fraction", 0.3, 1e-9, 1 - 1e-9);
        double validationFraction = r.GetDouble("validation_fraction", 0, 0, 1 - 1e-9);
        if (test is not null && fractions)
        {
            throw r.Error("test_fraction", "give either the test groups or test_fraction, not both");
        }

        if (test is null && (pool is not null || validation is not null))
        {
            throw r.Error("test", "name the test groups when naming pool or validation groups");
        }

        return new GroupSplit(r.File, r.JsonPath, column, pool, validation, test, testFraction, validationFraction);
    }

    /// <inheritdoc />
    public override JsonObject Describe() => new()
    {
        ["kind"] = "group",
        ["column"] = Column,
        ["pool"] = Pool is null ? null : new JsonArray([.. Pool.Select(g => (JsonNode?)g)]),
        ["validation"] = Validation is null ? null : new JsonArray([.. Validation.Select(g => (JsonNode?)g)]),
        ["test"] = Test is null ? null : new JsonArray([.. Test.Select(g => (JsonNode?)g)]),
        ["test_fraction"] = Test is null ? TestFraction : null,
        ["validation_fraction"] = Test is null ? ValidationFraction : null,
    };

    /// <summary>
    /// The smallest pool any repeat can get: for a split drawn by fraction, what remains when the largest groups go
    /// to test and validation (so every configured size fits every repeat); for named groups, the pool itself.
    /// </summary>
    public int SmallestPool(IReadOnlyList<SplitRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (Test is not null)
        {
            return AssignRoles(records, new SeedTree(0)).Count(r => r == SplitRole.Pool);
        }

        var sizes = records.GroupBy(r => r.Group ?? "", StringComparer.Ordinal).Select(g => g.Count()).OrderDescending().ToList();
        if (sizes.Count < 2)
        {
            return 0;
        }

        int test = Math.Clamp((int)Math.Round(TestFraction * sizes.Count), 1, sizes.Count - 1);
        int validation = Math.Min((int)Math.Round(ValidationFraction * sizes.Count), sizes.Count - 1 - test);
        return sizes.Skip(test + validation).Sum();
    }

    /// <inheritdoc />
    protected override SplitRole[] AssignRoles(IReadOnlyList<SplitRecord> records, SeedTree seeds)
    {
        var groups = records.Select(r => r.Group ?? throw Error("column", $"record '{r.Id}' has no {Column}")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var roleOf = new Dictionary<string, SplitRole>(StringComparer.Ordinal);
        if (Test is not null)
        {
            void Put(IReadOnlyList<string>? names, string key, SplitRole role)
            {
                foreach (string g in names ?? [])
                {
                    if (!groups.Contains(g, StringComparer.Ordinal))
                    {
                        throw Error(key, $"{Column} '{g}' is not in the data (has: {Preview(groups)})");
                    }

                    if (!roleOf.TryAdd(g, role))
                    {
                        throw Error(key, $"{Column} '{g}' is named for two roles (or twice)");
                    }
                }
            }

            Put(Test, "test", SplitRole.Test);
            Put(Validation, "validation", SplitRole.Validation);
            Put(Pool, "pool", SplitRole.Pool);
            foreach (string g in groups)
            {
                roleOf.TryAdd(g, Pool is null ? SplitRole.Pool : SplitRole.Unused);
            }
        }
        else
        {
            if (groups.Count < 2)
            {
                throw Error("column", $"the data has {groups.Count} {Column} group(s); a group split needs at least 2");
            }

            int test = Math.Clamp((int)Math.Round(TestFraction * groups.Count), 1, groups.Count - 1);
            int validation = Math.Min((int)Math.Round(ValidationFraction * groups.Count), groups.Count - 1 - test);
            int[] order = seeds.Child("group-split").CreateRng().Permutation(groups.Count);
            for (int k = 0; k < groups.Count; k++)
            {
                roleOf[groups[order[k]]] = k < test ? SplitRole.Test : k < test + validation ? SplitRole.Validation : SplitRole.Pool;
            }
        }

        return [.. records.Select(r => roleOf[r.Group!])];
    }

    private static string Preview(List<string> groups) =>
        groups.Count <= 12 ? string.Join(", ", groups) : string.Join(", ", groups.Take(12)) + $", ... ({groups.Count} in all)";
}
