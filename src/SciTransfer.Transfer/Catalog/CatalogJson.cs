using System.Text.Json.Nodes;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Catalog;

/// <summary>The whole catalogue as JSON (<c>scitransfer list --json</c>): problems with their strategies (and needs), metrics, options and data files; bench workloads.</summary>
public static class CatalogJson
{
    /// <summary>Builds the document.</summary>
    public static JsonObject Build(ProblemCatalog catalog, IEnumerable<string>? studies = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new JsonArray();
        foreach (var d in ProblemDescription.All(catalog))
        {
            problems.Add(Problem(d));
        }

        var benches = new JsonArray();
        foreach (var b in catalog.Benchmarks)
        {
            benches.Add(new JsonObject
            {
                ["name"] = b.Name,
                ["description"] = b.Description,
                ["options"] = new JsonArray([.. b.OptionKeys.Select(k => (JsonNode?)k)]),
            });
        }

        return new JsonObject
        {
            ["studies"] = new JsonArray([.. (studies ?? []).Select(s => (JsonNode?)s)]),
            ["problems"] = problems,
            ["bench_workloads"] = benches,
        };
    }

    /// <summary>One problem.</summary>
    public static JsonObject Problem(ProblemDescription d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var p = d.Defaults;
        var o = new JsonObject
        {
            ["name"] = d.Factory.Name,
            ["summary"] = d.Factory.Summary,
            ["scarcity_axis"] = p?.ScarcityAxis,
            ["default_sizes"] = p is null ? null : new JsonArray([.. p.DefaultSizes.Select(s => (JsonNode?)s)]),
            ["max_target_size_at_defaults"] = p?.MaxTargetSize,
            ["comparison_group"] = p?.ComparisonGroup,
            ["metrics"] = p is null ? null : new JsonArray([.. p.Metrics.Select(m => (JsonNode?)new JsonObject
            {
                ["name"] = m.Name,
                ["unit"] = m.Unit,
                ["lower_is_better"] = m.LowerIsBetter,
                ["timing"] = m.IsTiming,
                ["diagnostic"] = m.IsDiagnostic,
                ["description"] = m.Description,
            })]),
            ["strategies"] = p is null ? null : new JsonArray([.. p.Strategies.Select(s => (JsonNode?)Strategy(s))]),
            ["option_strategies"] = new JsonArray([.. d.OptionStrategies.Select(o => (JsonNode?)new JsonObject
            {
                ["option"] = o.Option,
                ["value"] = o.Value,
                ["strategies"] = new JsonArray([.. o.Strategies.Select(s => (JsonNode?)Strategy(s))]),
            })]),
            ["options"] = new JsonArray([.. d.Factory.Options.Select(s => (JsonNode?)Option(s))]),
            ["data"] = d.Factory.Data is { } data ? Data(data) : null,
        };
        if (d.Why is not null)
        {
            o["defaults_error"] = d.Why;
        }

        return o;
    }

    /// <summary>One strategy: name, needs, whether a baseline, description, and the instance type it runs on.</summary>
    public static JsonObject Strategy(IStrategy s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var needs = new JsonArray();
        foreach (var flag in Enum.GetValues<StrategyNeeds>().Where(f => f != StrategyNeeds.None && s.Needs.HasFlag(f)))
        {
            needs.Add(Snake(flag.ToString()));
        }

        return new JsonObject
        {
            ["name"] = s.Name,
            ["needs"] = needs,
            ["baseline"] = s.IsBaseline,
            ["description"] = s.Description,
            ["runs_on"] = s.InstanceType.Name,
        };
    }

    /// <summary>One declared option.</summary>
    public static JsonObject Option(OptionSpec s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new JsonObject
        {
            ["name"] = s.Name,
            ["type"] = Snake(s.Kind.ToString()),
            ["default"] = ToNode(s.Default),
            ["quick_default"] = ToNode(s.QuickDefault),
            ["required"] = s.Required,
            ["min"] = s.Min,
            ["max"] = s.Max,
            ["choices"] = s.Choices is null ? null : new JsonArray([.. s.Choices.Select(c => (JsonNode?)c)]),
            ["unit"] = s.Unit,
            ["doc"] = s.Doc,
        };
    }

    /// <summary>A data spec.</summary>
    public static JsonObject Data(DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new JsonObject
        {
            ["doc"] = spec.Doc,
            ["files"] = new JsonArray([.. spec.Files.Select(f => (JsonNode?)new JsonObject { ["name"] = f.Name, ["required"] = f.Required, ["doc"] = f.Doc })]),
            ["split_kinds"] = new JsonArray([.. spec.SplitKinds.Select(k => (JsonNode?)SplitSpec.Name(k))]),
            ["split_required"] = spec.SplitRequired,
        };
    }

    /// <summary>A default value as JSON.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        int i => JsonValue.Create(i),
        double v => JsonValue.Create(v),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        int[] a => new JsonArray([.. a.Select(v => (JsonNode?)JsonValue.Create(v))]),
        double[] a => new JsonArray([.. a.Select(v => (JsonNode?)JsonValue.Create(v))]),
        string[] a => new JsonArray([.. a.Select(v => (JsonNode?)JsonValue.Create(v))]),
        _ => JsonValue.Create(value.ToString()),
    };

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
