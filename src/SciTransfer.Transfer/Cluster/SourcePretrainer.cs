using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Transfer.Cluster;

/// <summary>
/// Stage (a) of a cluster run: trains the source model of one (problem, repeat) into the shared sources/ cache, with
/// exactly the seeds a cell of that repeat would use, so the shards load it instead of training it again. A model
/// already in the cache is loaded, not retrained (a requeued or resubmitted job does no work twice). Writes run.json
/// into its own folder with <c>sources_trained</c> (empty when the model was loaded).
/// </summary>
public static class SourcePretrainer
{
    /// <summary>Trains (or finds cached) <paramref name="pair"/>'s source model; returns true when it was trained here.</summary>
    /// <param name="config">The study.</param>
    /// <param name="pair">Which (problem id, repeat).</param>
    /// <param name="sourcesDirectory">The shared cache folder.</param>
    /// <param name="outputDirectory">Where this job's run.json goes.</param>
    /// <param name="settings">Quick flag and backend, as the shards get them.</param>
    /// <param name="version">Recorded in run.json.</param>
    /// <param name="cancellationToken">SIGTERM: the training stops and nothing is cached.</param>
    public static bool Run(StudyConfig config, SourcePair pair, string sourcesDirectory, string outputDirectory, ProblemSettings settings, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(pair);
        var entry = config.Problems.FirstOrDefault(p => p.Id == pair.Problem)
            ?? throw new ConfigException(config.SourceFile, "problems", $"the plan names problem '{pair.Problem}', which the config does not have");
        if (pair.Repeat < 0 || pair.Repeat >= entry.Repeats)
        {
            throw new ConfigException(config.SourceFile, "repeats", string.Create(CultureInfo.InvariantCulture, $"the plan names repeat {pair.Repeat} of '{pair.Problem}', which has {entry.Repeats}"));
        }

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        var warnings = new JsonArray();
        var seeds = StudyRunner.RepeatSeeds(new SeedTree(config.Seed), entry.SeedKey, pair.Repeat);
        var instance = entry.Problem.Create(new ProblemContext(pair.Repeat, seeds, settings, entry.Data));
        string cache = StudyRunner.SourceCacheFile(sourcesDirectory, entry.Id, pair.Repeat);
        bool trained = instance.PrepareSource(new SourceRequest(seeds.Child("source"), null, cancellationToken), cache, w => warnings.Add(w));
        if (!File.Exists(cache))
        {
            throw new OutputException(cache, $"the source model of {pair} was not cached: problem '{entry.Problem.Name}' declares CachesSource but its instance wrote nothing");
        }

        var record = new JsonObject
        {
            ["study"] = config.Name,
            ["config_file"] = Path.GetFullPath(config.SourceFile),
            ["pretrain"] = pair.ToString(),
            ["sources_trained"] = trained ? new JsonArray(pair.ToString()) : new JsonArray(),
            ["cache_file"] = cache,
            ["version"] = version,
            ["wall_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["warnings"] = warnings,
            ["status"] = "finished",
        };
        RunRecord.Write(outputDirectory, record);
        return trained;
    }
}
