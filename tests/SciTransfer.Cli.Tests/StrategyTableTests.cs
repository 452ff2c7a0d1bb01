using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SciTransfer.Cli.Tests;

/// <summary>The "Strategies" table of docs/harness.md says which problems offer each strategy; <c>list --json</c> is the truth.</summary>
public sealed partial class StrategyTableTests
{
    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [Fact]
    public void The_docs_strategy_table_names_exactly_the_problems_that_list_json_says_offer_each_strategy()
    {
        var o = new StringWriter();
        Assert.Equal(ExitCodes.Ok, new Commands(o, new StringWriter()).List("experiments", json: true));
        var offered = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var p in JsonNode.Parse(o.ToString())!["problems"]!.AsArray())
        {
            string problem = (string)p!["name"]!;
            var names = (p["strategies"]?.AsArray() ?? []).Select(s => (string)s!["name"]!)
                .Concat((p["option_strategies"]?.AsArray() ?? []).SelectMany(x => x!["strategies"]!.AsArray().Select(s => (string)s!["name"]!)));
            foreach (string s in names)
            {
                (offered.TryGetValue(s, out var set) ? set : offered[s] = new SortedSet<string>(StringComparer.Ordinal)).Add(problem);
            }
        }

        string doc = File.ReadAllText(Path.Combine(QuickstartDeterminismTests.RepositoryRoot(), "docs", "harness.md"));
        int start = doc.IndexOf("\n## Strategies", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/harness.md has no Strategies section");
        var rows = doc[start..].Split('\n').SkipWhile(l => !l.StartsWith("| name", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.True(rows.Count >= 9, $"only {rows.Count} table rows");
        int checkedRows = 0;
        foreach (string row in rows)
        {
            var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var name = Regex.Match(cells[0], "^`([^`]+)`$");
            if (!name.Success)
            {
                continue; // a report section (label-free selection), not a strategy
            }

            string strategy = name.Groups[1].Value;
            var documented = new SortedSet<string>(Code().Matches(cells[^1]).Select(m => m.Groups[1].Value).Where(v => v.Contains('/', StringComparison.Ordinal)), StringComparer.Ordinal);
            Assert.True(offered.ContainsKey(strategy), $"docs table lists '{strategy}', which no problem offers");
            Assert.True(offered[strategy].SetEquals(documented), $"{strategy}: docs say [{string.Join(", ", documented)}], list --json says [{string.Join(", ", offered[strategy])}]");
            checkedRows++;
        }

        Assert.True(checkedRows >= 9, $"checked {checkedRows} rows");
    }
}
