using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Running;

/// <summary>One cached source model of a run, in exchange form.</summary>
/// <param name="ProblemId">The problem entry's id.</param>
/// <param name="Repeat">The repeat.</param>
/// <param name="CacheFile">The cache file it was read from (sources/ID.rR.bin).</param>
/// <param name="Model">The model with its architecture, features and scalings.</param>
public sealed record CachedSourceModel(string ProblemId, int Repeat, string CacheFile, ExchangeModel Model);

/// <summary>What <see cref="CachedSourceModels.Read"/> found.</summary>
/// <param name="Models">The models, in config order then repeat order.</param>
/// <param name="Skipped">One line per (problem, repeat) without a usable model and why (nothing cached, no exchange form).</param>
public sealed record CachedSourceModelSet(IReadOnlyList<CachedSourceModel> Models, IReadOnlyList<string> Skipped);

/// <summary>
/// The pre-trained source models a run cached in its output folder (sources/), in exchange form, for
/// <c>scitransfer export</c>. The study is rebuilt from run.json (its resolved config, quick flag and backend), so a
/// repeat's data are those of the run (the fuel-moisture input scaling comes from them); the folder is only read.
/// </summary>
public static class CachedSourceModels
{
    /// <summary>Reads the cached models of <paramref name="runDir"/>, of one problem id and/or repeat when given.</summary>
    /// <exception cref="ConfigException">An unknown problem id or repeat, a problem whose model has no exchange form when asked for by id, or nothing to export.</exception>
    /// <exception cref="DataFormatException">run.json is missing or malformed, or a cache file is damaged.</exception>
    public static CachedSourceModelSet Read(string runDir, ProblemCatalog catalog, string? problemId = null, int? repeat = null)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        ArgumentNullException.ThrowIfNull(catalog);
        if (!Directory.Exists(runDir))
        {
            throw new ConfigException("command line", "RUN_DIR", $"{runDir}: no such output folder");
        }

        var config = Rebuild(runDir, catalog, out var settings);
        var entries = config.Problems.Where(p => problemId is null || p.Id == problemId).ToList();
        if (entries.Count == 0)
        {
            throw new ConfigException("command line", "--problem", $"the run in {runDir} has no problem '{problemId}'; it has: {string.Join(", ", config.Problems.Select(p => p.Id))}");
        }

        if (repeat is int r0 && (r0 < 0 || entries.All(e => r0 >= e.Repeats)))
        {
            throw new ConfigException("command line", "--repeat", string.Create(CultureInfo.InvariantCulture, $"{r0} is not a repeat of the run (repeats {string.Join(", ", entries.Select(e => $"{e.Id}: 0..{e.Repeats - 1}"))})"));
        }

        var root = new SeedTree(config.Seed);
        var models = new List<CachedSourceModel>();
        var skipped = new List<string>();
        foreach (var entry in entries)
        {
            for (int r = 0; r < entry.Repeats; r++)
            {
                if (repeat is int only && r != only)
                {
                    continue;
                }

                string cache = StudyRunner.SourceCacheFile(Path.Combine(runDir, "sources"), entry.Id, r);
                string where = string.Create(CultureInfo.InvariantCulture, $"{entry.Id} repeat {r}");
                if (!File.Exists(cache))
                {
                    skipped.Add($"{where}: no cached source model ({Path.GetFileName(cache)}; the run pre-trains only for strategies that need a source model, and a source_model is not cached)");
                    continue;
                }

                // The instance re-creates the repeat's data (seeded as in the run): fuel moisture's scaling lives there.
                var instance = entry.Problem.Create(new ProblemContext(r, StudyRunner.RepeatSeeds(root, entry.SeedKey, r), settings, entry.Data));
                if (instance.ReadCachedSource(cache) is { } why)
                {
                    throw new DataFormatException(cache, 0, "source model", why);
                }

                if (instance.ExportedSource() is { } model)
                {
                    models.Add(new CachedSourceModel(entry.Id, r, cache, model));
                }
                else
                {
                    skipped.Add($"{where}: the source model of {entry.Problem.Name} has no exchange form (exported: fuel-moisture LSTMs, heat-sink PINN and Nusselt networks)");
                }
            }
        }

        if (models.Count == 0)
        {
            throw new ConfigException("command line", "RUN_DIR", $"nothing to export from {runDir}: {string.Join("; ", skipped)}");
        }

        return new CachedSourceModelSet(models, skipped);
    }

    /// <summary>The study of an output folder, parsed again from the resolved config that run.json records.</summary>
    public static StudyConfig Rebuild(string runDir, ProblemCatalog catalog, out ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var record = RunRecord.Read(runDir);
        string recordPath = Path.Combine(runDir, RunRecord.FileName);
        if (record["config"] is not JsonObject resolved)
        {
            throw new DataFormatException(recordPath, 0, "config", "missing: run.json does not record the resolved config");
        }

        bool quick = record["quick"] is JsonValue q && q.TryGetValue(out bool b) && b;
        settings = new ProblemSettings(quick, RunRecord.Text(record, "backend", "managed"));

        // Data paths in the config are relative to the original config file, which run.json names.
        string configFile = RunRecord.Text(record, "config_file", recordPath);
        using var doc = JsonDocument.Parse(resolved.ToJsonString());
        return StudyConfigLoader.Parse(configFile, doc.RootElement, catalog, settings);
    }
}
