using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Strategies;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Running;

/// <summary>Outcome of <see cref="StudyRunner.Run"/>.</summary>
/// <param name="CellsRun">Cells computed in this run.</param>
/// <param name="CellsSkipped">Cells already finished by an earlier run into the same folder.</param>
/// <param name="Wall">Wall time of this run.</param>
/// <param name="OutputDirectory">The output folder.</param>
/// <param name="Summary">The rows of summary.csv.</param>
/// <param name="ReportFiles">Figures and report files written (empty when the report was skipped).</param>
public sealed record RunOutcome(int CellsRun, int CellsSkipped, TimeSpan Wall, string OutputDirectory, IReadOnlyList<SummaryRow> Summary, IReadOnlyList<string> ReportFiles);

/// <summary>
/// Runs a study: every (problem, strategy, n_target, repeat) cell, in parallel up to the thread count, appending
/// each cell's rows to results.csv when it ends; then summary.csv, timings.csv, the figures and the report. This is
/// the one call a run is; the CLI only parses and calls it. Rerunning into the same folder skips finished cells and
/// redoes cut-off ones (results.csv is read once, at the start).
/// </summary>
public static class StudyRunner
{
    /// <summary>Runs (or resumes) the study into <see cref="RunOptions.OutputDirectory"/>.</summary>
    public static RunOutcome Run(StudyConfig config, RunOptions options, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads < 1)
        {
            throw new ConfigException("command line", "--threads", "must be at least 1");
        }

        var clock = Stopwatch.StartNew();
        string dir = options.OutputDirectory;
        Directory.CreateDirectory(dir);
        var manifests = Manifests(config);
        CheckSameStudy(dir, config, options);

        string resultsPath = Path.Combine(dir, "results.csv");
        var metricsByProblem = manifests.ToDictionary(m => m.Id, m => (IReadOnlyCollection<string>)[.. m.Metrics.Select(x => x.Name)], StringComparer.Ordinal);
        var done = ResultsFile.LoadForResume(resultsPath, p => metricsByProblem.GetValueOrDefault(p));
        var newRows = new ConcurrentQueue<ResultRow>();
        var finished = done.Select(r => r.Cell).ToHashSet();

        var plan = StudyPlan.Cells(config).Where(c => options.Shard is null || options.Shard.Contains(c.Index)).ToList();
        var todo = plan.Where(c => !finished.Contains(c.Key)).ToList();
        int skipped = plan.Count - todo.Count;

        var root = new SeedTree(config.Seed);
        var started = DateTime.UtcNow;
        var record = BaseRecord(config, options, manifests, root, started);
        RunRecord.Write(dir, record);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sourceSeconds = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        int completed = 0;

        // Training inside source pre-training and cells is reported as detail lines of the sweep's progress.
        IProgress<TrainingProgress>? Training(string what) => progress is null ? null : new SyncProgress<TrainingProgress>(t =>
            progress.Report(new RunProgress(Volatile.Read(ref completed), todo.Count, skipped, null, clock.Elapsed, Describe(what, t))));

        var repeats = new ConcurrentDictionary<(string, int), RepeatState>();
        foreach (var g in todo.GroupBy(c => (c.Key.Problem, c.Key.Repeat)))
        {
            var entry = g.First().Entry;
            string cache = Path.Combine(dir, "sources", string.Create(CultureInfo.InvariantCulture, $"{FigureStore.Safe(entry.Id)}.r{g.Key.Repeat}.bin"));
            var strategies = g.Select(c => c.Entry.Strategies.Find(c.Key.Strategy)!).ToList();
            repeats[g.Key] = new RepeatState(entry, g.Key.Repeat, RepeatSeeds(root, entry.Id, g.Key.Repeat), Settings(options), strategies, cache, Training($"{entry.Id} repeat {g.Key.Repeat}"), cts.Token);
        }


        Exception? failure = null;
        progress?.Report(new RunProgress(0, todo.Count, skipped, null, clock.Elapsed));
        using (var results = ResultsFile.OpenForAppend(resultsPath))
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cts.Token };
            try
            {
                Parallel.ForEach(
                    System.Collections.Concurrent.Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering),
                    parallel,
                    cell =>
                    {
                        var state = repeats[(cell.Key.Problem, cell.Key.Repeat)];
                        try
                        {
                            var rows = RunCell(config, cell, state, dir, Training(cell.Key.ToString()), cts.Token);
                            results.AppendCell(rows);
                            foreach (var row in rows)
                            {
                                newRows.Enqueue(row);
                            }
                        }
                        catch (Exception e) when (e is not OperationCanceledException || !cts.IsCancellationRequested)
                        {
                            // Bad input met while creating a repeat's data keeps its own exit code (1 config, 2 data):
                            // the message already names the file and field; anything else is a failed cell.
                            Exception reported = e is ConfigException or DataFormatException ? e : new CellFailedException(cell.Key.ToString(), e);
                            Interlocked.CompareExchange(ref failure, reported, null);
                            cts.Cancel();
                            return;
                        }

                        if (state.CellFinished())
                        {
                            sourceSeconds[string.Create(CultureInfo.InvariantCulture, $"{cell.Key.Problem}#{cell.Key.Repeat}")] = state.SourceSeconds;
                            repeats.TryRemove((cell.Key.Problem, cell.Key.Repeat), out _);
                        }

                        int k = Interlocked.Increment(ref completed);
                        progress?.Report(new RunProgress(k, todo.Count, skipped, cell.Key, clock.Elapsed));
                    });
            }
            catch (OperationCanceledException) when (failure is not null)
            {
                // a cell failed; the failure is rethrown below after the record is updated
            }
        }

        record["ended_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        record["wall_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        record["cells_run"] = completed;
        record["cells_skipped"] = skipped;
        record["status"] = failure is null ? "finished" : "failed";
        var timings = new JsonObject();
        foreach (var kv in sourceSeconds.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            timings[kv.Key] = Math.Round(kv.Value, 3);
        }

        record["source_seconds"] = timings;
        RunRecord.Write(dir, record);

        // The summary is computed once, from the rows read at the start plus those this run appended (it is
        // independent of row order, so it equals a summary of results.csv read back).
        var allRows = done.Concat(newRows).ToList();
        var summary = SummaryBuilder.Build(manifests, allRows);
        SummaryCsv.Write(Path.Combine(dir, "summary.csv"), summary);
        SummaryCsv.Write(Path.Combine(dir, "timings.csv"), SummaryBuilder.BuildTimings(manifests, allRows));
        IReadOnlyList<string> reportFiles = [];
        if (options.WriteReport)
        {
            var input = new StudyReportInput(config.Name, config.Description, manifests, summary, FigureStore.ReadAll(dir), OutputFolder.Facts(record), allRows);
            reportFiles = Reporting.StudyReport.Write(dir, input);
        }

        if (failure is not null)
        {
            throw failure;
        }

        return new RunOutcome(completed, skipped, clock.Elapsed, dir, summary, reportFiles);
    }

    /// <summary>Seed node of (study seed, problem id, repeat): the same in every run, shard and thread count.</summary>
    public static SeedTree RepeatSeeds(SeedTree root, string problemId, int repeat) => root.Child(problemId).Child(repeat);

    /// <summary>Seed node of a cell.</summary>
    public static SeedTree CellSeeds(SeedTree repeatSeeds, string strategy, int n) =>
        repeatSeeds.Child("cell").Child(strategy).Child(n);

    /// <summary>The report manifests of the study's problems.</summary>
    public static List<ProblemManifest> Manifests(StudyConfig config) =>
        [.. config.Problems.Select(p => new ProblemManifest(
            p.Id, p.Problem.Name, p.Problem.Description, p.Problem.ScarcityAxis,
            p.Problem.Metrics, p.StrategyNames, p.Sizes, p.Problem.ComparisonGroup,
            [.. p.Strategies.Where(s => s.IsBaseline).Select(s => s.Name)]))];

    private static string Describe(string what, TrainingProgress t) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: {t.Phase} {t.Step}{(t.TotalSteps > 0 ? $"/{t.TotalSteps}" : "")}{(t.Loss is { } l ? $" loss {l:G4}" : "")}");

    private static List<ResultRow> RunCell(StudyConfig config, PlannedCell cell, RepeatState state, string dir, IProgress<TrainingProgress>? training, CancellationToken ct)
    {
        var (instance, permutation, _) = state.Value;
        var key = cell.Key;
        var strategy = cell.Entry.Strategies.Find(key.Strategy)!;
        int take = Math.Min(key.NTarget, permutation.Length);
        var seeds = CellSeeds(state.Seeds, key.Strategy, key.NTarget);
        var sw = Stopwatch.StartNew();
        var result = strategy.Run(instance, new StrategyCell(key.NTarget, permutation.AsMemory(0, take), seeds, training, ct));
        double seconds = sw.Elapsed.TotalSeconds;

        var expected = cell.Entry.Problem.Metrics;
        foreach (var m in expected)
        {
            if (!result.Values.ContainsKey(m.Name))
            {
                throw new InvalidOperationException($"the problem returned no value for metric '{m.Name}'");
            }
        }

        if (result.Values.Count != expected.Count)
        {
            throw new InvalidOperationException($"the problem returned metrics [{string.Join(", ", result.Values.Keys)}], expected [{string.Join(", ", expected.Select(m => m.Name))}]");
        }

        FigureStore.Write(dir, key, result.Figures);
        return [.. expected.Select(m => new ResultRow(config.Name, key.Problem, key.Strategy, key.NTarget, key.Repeat, seeds.Key, m.Name, result.Values[m.Name], seconds))];
    }

    private static ProblemSettings Settings(RunOptions o) => new(o.Quick, o.Backend);

    private static JsonObject BaseRecord(StudyConfig config, RunOptions options, List<ProblemManifest> manifests, SeedTree root, DateTime started)
    {
        var seeds = new JsonArray();
        foreach (var p in config.Problems)
        {
            for (int r = 0; r < p.Repeats; r++)
            {
                seeds.Add(new JsonObject
                {
                    ["problem"] = p.Id,
                    ["repeat"] = r,
                    ["key"] = RepeatSeeds(root, p.Id, r).Key.ToString(CultureInfo.InvariantCulture),
                });
            }
        }

        return new JsonObject
        {
            ["study"] = config.Name,
            ["description"] = config.Description,
            ["config_file"] = Path.GetFullPath(config.SourceFile),
            ["config"] = StudyConfigLoader.Snapshot(config),
            ["seed"] = config.Seed.ToString(CultureInfo.InvariantCulture),
            ["quick"] = options.Quick,
            ["threads"] = options.Threads,
            ["shard"] = options.Shard?.ToString(),
            ["backend"] = options.Backend,
            ["overrides"] = new JsonArray([.. config.Overrides.Select(o => (JsonNode?)o)]),
            ["version"] = options.Version,
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["processors"] = Environment.ProcessorCount,
            ["started_utc"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["status"] = "running",
            ["problems"] = System.Text.Json.JsonSerializer.SerializeToNode(manifests, RunRecord.JsonOptions),
            ["seeds"] = seeds,
        };
    }

    /// <summary>A folder may only be resumed by the same study with the same resolved config and quick flag.</summary>
    private static void CheckSameStudy(string dir, StudyConfig config, RunOptions options)
    {
        if (!File.Exists(Path.Combine(dir, RunRecord.FileName)))
        {
            return;
        }

        var old = RunRecord.Read(dir);
        string oldConfig = old["config"]?.ToJsonString() ?? "";
        string newConfig = StudyConfigLoader.Snapshot(config).ToJsonString();
        bool oldQuick = old["quick"] is JsonValue q && q.TryGetValue(out bool b) && b;
        if (oldConfig != newConfig || oldQuick != options.Quick)
        {
            throw new ConfigException(
                Path.Combine(dir, RunRecord.FileName),
                "$.config",
                $"the output folder holds a different study or settings ('{RunRecord.Text(old, "study")}'{(oldQuick ? ", quick" : "")}); use another --out or remove the folder");
        }
    }
}
