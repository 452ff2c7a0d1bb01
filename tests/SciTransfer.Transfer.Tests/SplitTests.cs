using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Tests;

public class SplitTests
{
    private static SplitSpec Parse(string json, params SplitKind[] allowed)
    {
        using var doc = JsonDocument.Parse(json);
        var r = new OptionsReader("study.json", "$.problems[0].data.split", doc.RootElement.Clone());
        var s = SplitSpec.Read(r, allowed.Length == 0 ? [SplitKind.Random, SplitKind.Group, SplitKind.Time, SplitKind.Explicit] : allowed);
        r.EnsureAllKeysUsed();
        return s;
    }

    private static readonly SplitRecord[] Stations =
        [.. Enumerable.Range(0, 60).Select(i => new SplitRecord($"r{i}", $"s{i % 6}", new DateTime(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(12 * i)))];

    [Fact]
    public void Random_split_has_the_fractions_and_is_fixed_per_seed_but_differs_between_repeats()
    {
        var s = Parse("""{"kind": "random", "test_fraction": 0.25, "validation_fraction": 0.1}""");
        var a = s.Assign(Stations, new SeedTree(7).Child(0));
        Assert.Equal(15, a.Count(r => r == SplitRole.Test));
        Assert.Equal(6, a.Count(r => r == SplitRole.Validation));
        Assert.Equal(39, a.Count(r => r == SplitRole.Pool));
        Assert.Equal(a, s.Assign(Stations, new SeedTree(7).Child(0)));
        Assert.NotEqual(a, s.Assign(Stations, new SeedTree(7).Child(1)));
    }

    [Fact]
    public void Named_group_split_keeps_every_group_whole_and_defaults_the_rest_to_pool()
    {
        var s = Parse("""{"kind": "group", "column": "station", "test": ["s1", "s4"], "validation": ["s2"]}""");
        var roles = s.Assign(Stations, new SeedTree(1));
        for (int i = 0; i < Stations.Length; i++)
        {
            var expected = Stations[i].Group switch { "s1" or "s4" => SplitRole.Test, "s2" => SplitRole.Validation, _ => SplitRole.Pool };
            Assert.Equal(expected, roles[i]);
        }

        var withPool = Parse("""{"kind": "group", "column": "station", "test": ["s1"], "pool": ["s0"]}""");
        Assert.Equal(40, withPool.Assign(Stations, new SeedTree(1)).Count(r => r == SplitRole.Unused));
    }

    [Fact]
    public void Fraction_group_split_draws_whole_groups_per_repeat_and_never_goes_below_its_smallest_pool()
    {
        var uneven = Stations.Concat(Enumerable.Range(0, 30).Select(i => new SplitRecord($"x{i}", "big"))).ToArray();
        var s = (GroupSplit)Parse("""{"kind": "group", "column": "station", "test_fraction": 0.3}""");
        int smallest = s.SmallestPool(uneven);
        Assert.Equal(uneven.Length - 30 - 10, smallest); // 7 groups, 2 to test: the two largest are 30 and 10 rows
        var seen = new HashSet<string>();
        for (int rep = 0; rep < 40; rep++)
        {
            var roles = s.Assign(uneven, new SeedTree(3).Child(rep));
            foreach (var g in uneven.Select((r, i) => (r.Group, Role: roles[i])).GroupBy(x => x.Group))
            {
                Assert.Single(g.Select(x => x.Role).Distinct());
            }

            Assert.True(roles.Count(r => r == SplitRole.Pool) >= smallest);
            seen.Add(string.Join(",", uneven.Where((_, i) => roles[i] == SplitRole.Test).Select(r => r.Group).Distinct().Order()));
        }

        Assert.True(seen.Count > 3, "different repeats should draw different test groups");
    }

    [Fact]
    public void Time_split_uses_inclusive_ranges_and_a_date_end_covers_the_whole_day()
    {
        var s = Parse("""{"kind": "time", "pool": ["1997-01-01", "1997-01-10"], "validation": ["1997-01-11", "1997-01-15T11:00Z"], "test": ["1997-01-15T12:00Z", "1997-12-30"]}""");
        var roles = s.Assign(Stations, new SeedTree(1));
        for (int i = 0; i < Stations.Length; i++)
        {
            var t = Stations[i].Time!.Value;
            var expected = t < new DateTime(1997, 1, 11, 0, 0, 0, DateTimeKind.Utc) ? SplitRole.Pool
                : t <= new DateTime(1997, 1, 15, 11, 0, 0, DateTimeKind.Utc) ? SplitRole.Validation
                : SplitRole.Test;
            Assert.Equal(expected, roles[i]);
        }

        Assert.Equal(SplitRole.Pool, roles[19]); // 1997-01-10T12:00 is inside the pool's last day
    }

    [Fact]
    public void Explicit_split_assigns_listed_ids_only()
    {
        var s = Parse("""{"kind": "explicit", "pool": ["r0", "r1", "r2"], "test": ["r5"]}""");
        var roles = s.Assign(Stations, new SeedTree(1));
        Assert.Equal(3, roles.Count(r => r == SplitRole.Pool));
        Assert.Equal(SplitRole.Test, roles[5]);
        Assert.Equal(56, roles.Count(r => r == SplitRole.Unused));
    }

    [Theory]
    [InlineData("""{"kind": "group", "column": "station", "test": ["nowhere"]}""", "$.problems[0].data.split.test", "station 'nowhere' is not in the data")]
    [InlineData("""{"kind": "group", "column": "station", "test": ["s1"], "validation": ["s1"]}""", "$.problems[0].data.split.validation", "two roles")]
    [InlineData("""{"kind": "explicit", "pool": ["r0"], "test": ["r999"]}""", "$.problems[0].data.split.test", "id 'r999' is not in the data")]
    [InlineData("""{"kind": "time", "pool": ["1990-01-01", "1990-02-01"], "test": ["1997-01-15", "1997-12-30"]}""", "$.problems[0].data.split", "leaves the target pool empty")]
    [InlineData("""{"kind": "group", "column": "station", "test": ["s0", "s1", "s2", "s3", "s4", "s5"]}""", "$.problems[0].data.split", "leaves the target pool empty")]
    public void Splits_that_do_not_fit_the_data_are_config_errors(string json, string path, string message)
    {
        var s = Parse(json);
        var e = Assert.Throws<ConfigException>(() => s.Assign(Stations, new SeedTree(1)));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind": "time", "pool": ["1997-01-01", "1997-02-01"], "test": ["1997-01-15", "1997-12-30"]}""", "$.problems[0].data.split.test", "overlaps the pool")]
    [InlineData("""{"kind": "time", "pool": ["1997-01-01"], "test": ["1997-02-15", "1997-12-30"]}""", "$.problems[0].data.split.pool", "expected [from, to]")]
    [InlineData("""{"kind": "time", "pool": ["1997-13-01", "1997-02-01"], "test": ["1997-02-15", "1997-12-30"]}""", "$.problems[0].data.split.pool", "not an ISO 8601")]
    [InlineData("""{"kind": "time", "pool": ["1997-03-01", "1997-02-01"], "test": ["1997-04-15", "1997-12-30"]}""", "$.problems[0].data.split.pool", "ends")]
    [InlineData("""{"kind": "group", "column": "station", "test": ["a"], "test_fraction": 0.2}""", "$.problems[0].data.split.test_fraction", "not both")]
    [InlineData("""{"kind": "stratified"}""", "$.problems[0].data.split.kind", "not one of")]
    [InlineData("""{"kind": "random", "tset_fraction": 0.2}""", "$.problems[0].data.split.tset_fraction", "unknown key")]
    public void Malformed_splits_are_rejected_when_read(string json, string path, string message)
    {
        var e = Assert.Throws<ConfigException>(() => Parse(json));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_that_accepts_only_some_kinds_rejects_the_others()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("""{"kind": "time", "pool": ["1997-01-01", "1997-01-02"], "test": ["1997-01-03", "1997-01-04"]}""", SplitKind.Group));
        Assert.Contains("'time' is not one of: group", e.Problem, StringComparison.Ordinal);
    }
}
