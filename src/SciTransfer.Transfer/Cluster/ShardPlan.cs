using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Cluster;

/// <summary>One shard of a <see cref="ShardPlan"/>: its 1-based index, cells (in study order) and estimated cost.</summary>
public sealed record PlannedShard(int Index, IReadOnlyList<CellKey> Cells, double Cost);

/// <summary>A (problem id, repeat) whose source model a pre-training job trains into the shared cache.</summary>
public sealed record SourcePair(string Problem, int Repeat)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Problem}#{Repeat}");
}

/// <summary>
/// Which cells each cluster shard runs (plan.json in DIR/slurm/), and which source models are pre-trained first.
/// Cells are balanced by estimated cost with the LPT rule (longest first, each to the least loaded shard; ties go to
/// the lower cell index and lower shard), so the same study, cost model and shard count always give the same plan.
/// The cells of a (problem, repeat) whose source model is needed but not cacheable stay together in one shard, so
/// that model is trained once; cacheable ones are listed in <see cref="Pretrain"/>.
/// </summary>
public sealed class ShardPlan
{
    /// <summary>File name inside DIR/slurm/.</summary>
    public const string FileName = "plan.json";

    private ShardPlan(string study, string configFile, IReadOnlyList<PlannedShard> shards, IReadOnlyList<SourcePair> pretrain)
    {
        Study = study;
        ConfigFile = configFile;
        Shards = shards;
        Pretrain = pretrain;
    }

    /// <summary>Study name.</summary>
    public string Study { get; }

    /// <summary>Absolute path of the study config the jobs load.</summary>
    public string ConfigFile { get; }

    /// <summary>The shards, index 1..N.</summary>
    public IReadOnlyList<PlannedShard> Shards { get; }

    /// <summary>Source models the pre-training array trains (task K trains entry K-1).</summary>
    public IReadOnlyList<SourcePair> Pretrain { get; }

    /// <summary>Plans <paramref name="shardCount"/> shards of <paramref name="config"/>.</summary>
    /// <exception cref="ConfigException">Fewer units of work than shards, or a shard count below 1.</exception>
    public static ShardPlan Build(StudyConfig config, CellCostModel costs, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(costs);
        var cells = StudyPlan.Cells(config);
        var units = new List<List<PlannedCell>>();
        var pretrain = new List<SourcePair>();
        foreach (var g in cells.GroupBy(c => (c.Key.Problem, c.Key.Repeat)))
        {
            var entry = g.First().Entry;
            // A source_model file replaces pre-training: nothing to pretrain, and every shard reads the file itself.
            bool needsSource = entry.Strategies.AnyNeedsSource() && entry.SourceModel is null;
            if (needsSource && entry.Problem.CachesSource)
            {
                pretrain.Add(new SourcePair(g.Key.Problem, g.Key.Repeat));
            }

            if (needsSource && !entry.Problem.CachesSource)
            {
                units.Add([.. g]); // one shard trains this source model once
            }
            else
            {
                units.AddRange(g.Select(c => new List<PlannedCell> { c }));
            }
        }

        if (shardCount < 1 || shardCount > units.Count)
        {
            throw new ConfigException("command line", "--shards", string.Create(CultureInfo.InvariantCulture, $"expected 1 to {units.Count} (the study has {cells.Count} cells in {units.Count} units that can run apart), found {shardCount}"));
        }

        var load = new double[shardCount];
        var assigned = Enumerable.Range(0, shardCount).Select(_ => new List<PlannedCell>()).ToArray();
        var ordered = units.Select(u => (Cells: u, Cost: u.Sum(costs.Estimate)))
            .OrderByDescending(u => u.Cost).ThenBy(u => u.Cells[0].Index).ToList();
        foreach (var (unit, cost) in ordered)
        {
            int best = 0;
            for (int k = 1; k < shardCount; k++)
            {
                if (load[k] < load[best])
                {
                    best = k;
                }
            }

            load[best] += cost;
            assigned[best].AddRange(unit);
        }

        var shards = assigned.Select((a, k) => new PlannedShard(k + 1, [.. a.OrderBy(c => c.Index).Select(c => c.Key)], load[k])).ToList();
        return new ShardPlan(config.Name, Path.GetFullPath(config.SourceFile), shards, pretrain);
    }

    /// <summary>The cells of shard <paramref name="index"/> (1-based).</summary>
    public IReadOnlySet<CellKey> CellsOf(int index) =>
        index >= 1 && index <= Shards.Count
            ? Shards[index - 1].Cells.ToHashSet()
            : throw new ConfigException("command line", "--shard", string.Create(CultureInfo.InvariantCulture, $"the plan has shards 1 to {Shards.Count}, found {index}"));

    /// <summary>Writes the plan as JSON (atomically).</summary>
    public void Write(string path)
    {
        var json = new JsonObject
        {
            ["study"] = Study,
            ["config_file"] = ConfigFile,
            ["pretrain"] = new JsonArray([.. Pretrain.Select(p => (JsonNode)new JsonObject { ["problem"] = p.Problem, ["repeat"] = p.Repeat })]),
            ["shards"] = new JsonArray([.. Shards.Select(s => (JsonNode)new JsonObject
            {
                ["shard"] = s.Index,
                ["estimated_cost"] = Math.Round(s.Cost, 3),
                ["cells"] = new JsonArray([.. s.Cells.Select(c => (JsonNode)new JsonObject { ["problem"] = c.Problem, ["strategy"] = c.Strategy, ["n_target"] = c.NTarget, ["repeat"] = c.Repeat })]),
            })]),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path + ".tmp", json.ToJsonString(RunRecord.JsonOptions) + "\n", new UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Reads a plan written by <see cref="Write"/>.</summary>
    /// <exception cref="DataFormatException">Missing file or a malformed field (named).</exception>
    public static ShardPlan Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "(file)", "plan file not found");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new DataFormatException(path, 0, "$", "not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new DataFormatException(path, (int)(e.LineNumber ?? 0) + 1, "$", e.Message);
        }

        try
        {
            var pretrain = root["pretrain"]!.AsArray().Select(p => new SourcePair((string)p!["problem"]!, (int)p["repeat"]!)).ToList();
            var shards = root["shards"]!.AsArray().Select(s => new PlannedShard(
                (int)s!["shard"]!,
                [.. s["cells"]!.AsArray().Select(c => new CellKey((string)c!["problem"]!, (string)c["strategy"]!, (int)c["n_target"]!, (int)c["repeat"]!))],
                (double)s["estimated_cost"]!)).ToList();
            return new ShardPlan((string)root["study"]!, (string)root["config_file"]!, shards, pretrain);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new DataFormatException(path, 0, "$", $"not a SciTransfer shard plan ({e.Message})");
        }
    }
}
