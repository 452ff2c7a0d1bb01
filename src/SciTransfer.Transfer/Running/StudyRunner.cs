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
    /// <summary>
    /// Runs (or resumes) the study into <see cref="RunOptions.OutputDirectory"/>, holding the folder's
    /// <see cref="OutputLock"/> throughout. A cell that throws is recorded in failures.csv and the others go on (a
    /// <see cref="CellFailedException"/> naming them at the end); bad config or data met while creating a repeat
    /// (<see cref="ConfigException"/>, <see cref="DataFormatException"/>) and a failed write
    /// (<see cref="OutputException"/>) stop the run. When <paramref name="cancellationToken"/> fires no further cell
    /// starts, running cells get <see cref="RunOptions.Grace"/> to finish, run.json is set to "interrupted" and a
    /// <see cref="RunInterruptedException"/> is thrown.
    /// </summary>
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
        using var folderLock = OutputLock.Acquire(dir, "run");
        var manifests = Manifests(config);
        CheckSameStudy(dir, config, options);

        string resultsPath = Path.Combine(dir, "results.csv");
        var metricsByProblem = manifests.ToDictionary(m => m.Id, m => (IReadOnlyCollection<string>)[.. m.Metrics.Select(x => x.Name)], StringComparer.Ordinal);
        var done = Io(resultsPath, () => ResultsFile.LoadForResume(resultsPath, p => metricsByProblem.GetValueOrDefault(p)));
        var newRows = new ConcurrentQueue<ResultRow>();
        var finished = done.Select(r => r.Cell).ToHashSet();

        var plan = StudyPlan.Cells(config).Where(c => options.Cells is { } only ? only.Contains(c.Key) : options.Shard is null || options.Shard.Contains(c.Index)).ToList();
        var todo = plan.Where(c => !finished.Contains(c.Key)).ToList();
        int skipped = plan.Count - todo.Count;

        var root = new SeedTree(config.Seed);
        var started = DateTime.UtcNow;
        var record = BaseRecord(config, options, manifests, root, started);
        Io(Path.Combine(dir, RunRecord.FileName), () => RunRecord.Write(dir, record));
        using var failures = FailureLog.Start(dir);
        var eta = new EtaEstimator(todo.Select(c => c.Key), options.Threads);
        var warnings = new ConcurrentQueue<string>();

        // stop: no further cell starts (a signal, or a fatal error); abandon: running cells are cancelled (a fatal
        // error at once, a signal after the grace period).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abandon = new CancellationTokenSource();
        using var graceTimer = cancellationToken.Register(() => abandon.CancelAfter(options.Grace));
        var sourceSeconds = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        int completed = 0, written = 0;
        Exception? fatal = null;
        var writeGate = new object();
        bool closed = false;

        void Fatal(Exception e)
        {
            Interlocked.CompareExchange(ref fatal, e, null);
            stop.Cancel();
            abandon.Cancel();
        }

        void Warn(string line)
        {
            warnings.Enqueue(line);
            progress?.Report(new RunProgress(Volatile.Read(ref completed), todo.Count, skipped, null, clock.Elapsed, Remaining: eta.Remaining, Warning: line));
        }

        // Training inside source pre-training and cells is reported as detail lines of the sweep's progress.
        IProgress<TrainingProgress>? Training(string what) => progress is null ? null : new SyncProgress<TrainingProgress>(t =>
            progress.Report(new RunProgress(Volatile.Read(ref completed), todo.Count, skipped, null, clock.Elapsed, Describe(what, t), eta.Remaining)));

        var repeats = new ConcurrentDictionary<(string, int), RepeatState>();
        var sourcesTrained = new ConcurrentQueue<string>();
        foreach (var g in todo.GroupBy(c => (c.Key.Problem, c.Key.Repeat)))
        {
            var entry = g.First().Entry;
            string cache = SourceCacheFile(options.SourcesDirectory ?? Path.Combine(dir, "sources"), entry.Id, g.Key.Repeat);
            var strategies = g.Select(c => c.Entry.Strategies.Find(c.Key.Strategy)!).ToList();
            repeats[g.Key] = new RepeatState(entry, g.Key.Repeat, RepeatSeeds(root, entry.SeedKey, g.Key.Repeat), Settings(config, options), strategies, cache, Training($"{entry.Id} repeat {g.Key.Repeat}"), Warn, abandon.Token)
            {
                Trained = () => sourcesTrained.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{entry.Id}#{g.Key.Repeat}")),
            };
        }

        void Finish(PlannedCell cell, RepeatState state, Stopwatch sw)
        {
            if (state.CellFinished())
            {
                sourceSeconds[string.Create(CultureInfo.InvariantCulture, $"{cell.Key.Problem}#{cell.Key.Repeat}")] = state.SourceSeconds;
                repeats.TryRemove((cell.Key.Problem, cell.Key.Repeat), out _);
            }

            eta.Finished(cell.Key, sw.Elapsed.TotalSeconds);
            int k = Interlocked.Increment(ref completed);
            progress?.Report(new RunProgress(k, todo.Count, skipped, cell.Key, clock.Elapsed, Remaining: eta.Remaining));
        }

        var results = Io(resultsPath, () => ResultsFile.OpenForAppend(resultsPath));
        var pauseGate = new object();

        void RunOne(PlannedCell cell)
        {
            if (options.PauseAfterCells is int pause && Volatile.Read(ref completed) >= pause)
            {
                PauseForTest(dir, pauseGate, stop.Token);
                return;
            }

            var state = repeats[(cell.Key.Problem, cell.Key.Repeat)];
            var sw = Stopwatch.StartNew();
            (List<ResultRow> Rows, IReadOnlyList<FigureData> Figures) output;
            try
            {
                output = RunCell(config, cell, state, Training(cell.Key.ToString()), abandon.Token);
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                return; // abandoned: nothing written, a rerun redoes it
            }
            catch (Exception e) when (e is ConfigException or DataFormatException or OutputException)
            {
                // Bad input met while creating a repeat's data keeps its own exit code (1 config, 2 data) and a failed
                // write its own (4): the message already names the file; the run cannot go on.
                Fatal(e);
                return;
            }
            catch (Exception e)
            {
                try
                {
                    var f = failures.Record(cell.Key, e);
                    Warn($"cell {f.Cell} failed ({(f.Reason == "diverged" ? "diverged" : f.ExceptionType)}: {f.Message}); the other cells go on");
                }
                catch (OutputException io)
                {
                    Fatal(io);
                    return;
                }

                Finish(cell, state, sw);
                return;
            }

            lock (writeGate)
            {
                if (closed || Volatile.Read(ref fatal) is not null)
                {
                    // Abandoned after the grace period (the run has ended), or a write failed: nothing more is
                    // appended, so a cut-off last line stays last and a resume drops it.
                    return;
                }

                try
                {
                    FigureStore.Write(dir, cell.Key, output.Figures);
                }
                catch (Exception e) when (OutputException.IsIoFault(e))
                {
                    Fatal(OutputException.From(Path.Combine(dir, FigureStore.FolderName), e));
                    return;
                }

                try
                {
                    if (options.DiskFullAfterCells is int full && written >= full)
                    {
                        results.AppendCellThenFailAsDiskFull(output.Rows);
                    }

                    results.AppendCell(output.Rows);
                }
                catch (Exception e) when (OutputException.IsIoFault(e))
                {
                    Fatal(OutputException.From(resultsPath, e));
                    return;
                }

                written++;
            }

            foreach (var row in output.Rows)
            {
                newRows.Enqueue(row);
            }

            Finish(cell, state, sw);
        }

        progress?.Report(new RunProgress(0, todo.Count, skipped, null, clock.Elapsed));
        bool abandoned = false;
        try
        {
            var sweep = Task.Run(() =>
            {
                try
                {
                    Parallel.ForEach(
                        Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering),
                        new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = stop.Token },
                        RunOne);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // stopped: the cause (a signal or a fatal error) is reported below
                }
            });
            try
            {
                sweep.Wait(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Running cells get the grace period (counted from here, which is at most a moment after the
                // signal) to finish; cells that ignore their cancellation token are abandoned after it.
                abandoned = !sweep.Wait(options.Grace + TimeSpan.FromSeconds(1));
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        finally
        {
            lock (writeGate)
            {
                closed = true;
            }

            results.Dispose();
        }

        var failed = failures.Failures;
        bool interrupted = fatal is null && cancellationToken.IsCancellationRequested && Volatile.Read(ref completed) < todo.Count;
        record["ended_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        record["wall_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        record["cells_run"] = Volatile.Read(ref written);
        record["cells_skipped"] = skipped;
        record["cells_failed"] = failed.Count;
        record["cells_abandoned"] = abandoned ? todo.Count - Volatile.Read(ref completed) : 0;
        record["status"] = interrupted ? "interrupted" : fatal is not null || failed.Count > 0 ? "failed" : "finished";
        var timings = new JsonObject();
        foreach (var kv in sourceSeconds.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            timings[kv.Key] = Math.Round(kv.Value, 3);
        }

        record["source_seconds"] = timings;
        record["sources_trained"] = new JsonArray([.. sourcesTrained.Order(StringComparer.Ordinal).Select(s => (JsonNode?)JsonValue.Create(s))]);
        record["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode?)JsonValue.Create(w))]);

        // Which ILGPU accelerator the device trainers ran on (empty: every cell trained on the managed CPU engine).
        string devicePrefix = Device(config, options) + ":";
        record["accelerators"] = new JsonArray([.. SciTransfer.Core.Gpu.EngineDevices.Opened.Where(a => a.StartsWith(devicePrefix, StringComparison.Ordinal)).Select(a => (JsonNode?)JsonValue.Create(a))]);
        try
        {
            Io(Path.Combine(dir, RunRecord.FileName), () => RunRecord.Write(dir, record));
        }
        catch (OutputException e)
        {
            fatal ??= e; // when the disk is full, the first fault is the one to report
        }

        IReadOnlyList<SummaryRow> summary = [];
        IReadOnlyList<string> reportFiles = [];
        if (!interrupted && fatal is not OutputException)
        {
            // The summary is computed once, from the rows read at the start plus those this run appended (it is
            // independent of row order, so it equals a summary of results.csv read back).
            var allRows = done.Concat(newRows).ToList();
            var rows = SummaryBuilder.Build(manifests, allRows);
            summary = rows;
            StudyTables.Write(dir, manifests, allRows, rows, Io);
            if (options.WriteReport)
            {
                var input = new StudyReportInput(config.Name, config.Description, manifests, rows, FigureStore.ReadAll(dir), OutputFolder.Facts(record), allRows);
                reportFiles = Io(dir, () => Reporting.StudyReport.Write(dir, input));
            }
        }

        if (fatal is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fatal);
        }

        if (interrupted)
        {
            throw new RunInterruptedException(skipped + Volatile.Read(ref written), plan.Count);
        }

        if (failed.Count > 0)
        {
            throw new CellFailedException(failed, plan.Count, failures.First);
        }

        return new RunOutcome(Volatile.Read(ref written), skipped, clock.Elapsed, dir, summary, reportFiles);
    }

    /// <summary>The cache file of (problem id, repeat)'s source model inside <paramref name="sourcesDirectory"/>.</summary>
    public static string SourceCacheFile(string sourcesDirectory, string problemId, int repeat) =>
        Path.Combine(sourcesDirectory, string.Create(CultureInfo.InvariantCulture, $"{FigureStore.Safe(problemId)}.r{repeat}.bin"));

    /// <summary>Name of the marker file <see cref="RunOptions.PauseAfterCells"/> writes when the run pauses.</summary>
    public const string PausedMarker = ".paused";

    private static void PauseForTest(string dir, object gate, CancellationToken stop)
    {
        lock (gate)
        {
            string marker = Path.Combine(dir, PausedMarker);
            if (!File.Exists(marker))
            {
                File.WriteAllText(marker, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            }
        }

        stop.WaitHandle.WaitOne();
    }

    private static T Io<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (OutputException.IsIoFault(e))
        {
            throw OutputException.From(path, e);
        }
    }

    private static void Io(string path, Action action) => Io(path, () =>
    {
        action();
        return 0;
    });

    /// <summary>Seed node of (study seed, problem seed key (<see cref="StudyProblem.SeedKey"/>, normally the id), repeat): the same in every run, shard and thread count.</summary>
    public static SeedTree RepeatSeeds(SeedTree root, string problemId, int repeat) => root.Child(problemId).Child(repeat);

    /// <summary>Seed node of a cell.</summary>
    public static SeedTree CellSeeds(SeedTree repeatSeeds, string strategy, int n) =>
        repeatSeeds.Child("cell").Child(strategy).Child(n);

    /// <summary>The report manifests of the study's problems.</summary>
    public static List<ProblemManifest> Manifests(StudyConfig config) =>
        [.. config.Problems.Select(p => new ProblemManifest(
            p.Id, p.Problem.Name, p.Problem.Description, p.Problem.ScarcityAxis,
            p.Problem.Metrics, p.StrategyNames, p.Sizes, p.Problem.ComparisonGroup,
            [.. p.Strategies.Where(s => s.IsBaseline).Select(s => s.Name)],
            p.Problem.Warnings is { Count: > 0 } w ? [.. w] : null)
        {
            Parameters = p.Problem.ParameterCount,
            SeedKey = p.Problem.SeedKey,
        })];

    private static string Describe(string what, TrainingProgress t) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: {t.Phase} {t.Step}{(t.TotalSteps > 0 ? $"/{t.TotalSteps}" : "")}{(t.Loss is { } l ? $" loss {l:G4}" : "")}");

    private static (List<ResultRow> Rows, IReadOnlyList<FigureData> Figures) RunCell(StudyConfig config, PlannedCell cell, RepeatState state, IProgress<TrainingProgress>? training, CancellationToken ct)
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

        CheckDiverged(expected, result.Values);
        var rows = expected.Select(m => new ResultRow(config.Name, key.Problem, key.Strategy, key.NTarget, key.Repeat, seeds.Key, m.Name, result.Values[m.Name], seconds)).ToList();
        return (rows, result.Figures);
    }

    /// <summary>
    /// A cell diverged when a metric is infinite, or when every metric that is not a timing is NaN (NaN alone means
    /// "not reached", e.g. steps to a target error, and is kept).
    /// </summary>
    internal static void CheckDiverged(IReadOnlyList<MetricInfo> metrics, IReadOnlyDictionary<string, double> values)
    {
        foreach (var m in metrics)
        {
            if (double.IsInfinity(values[m.Name]))
            {
                throw new DivergedException(string.Create(CultureInfo.InvariantCulture, $"metric '{m.Name}' is {values[m.Name]}"));
            }
        }

        var scored = metrics.Where(m => !m.IsTiming && !m.IsDiagnostic).ToList();
        if (scored.Count > 0 && scored.All(m => double.IsNaN(values[m.Name])))
        {
            throw new DivergedException($"every metric ({string.Join(", ", scored.Select(m => m.Name))}) is NaN");
        }
    }

    private static ProblemSettings Settings(StudyConfig c, RunOptions o) => new(o.Quick, o.Backend, Device(c, o), c.DeviceBatch);

    /// <summary>The run's training device: the options' override, else the config's.</summary>
    internal static string Device(StudyConfig c, RunOptions o) => o.Device ?? c.Device;

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
                    ["key"] = RepeatSeeds(root, p.SeedKey, r).Key.ToString(CultureInfo.InvariantCulture),
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
            ["device"] = Device(config, options),
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

    /// <summary>A folder may only be resumed by the same study with the same resolved config, quick flag and device.</summary>
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

        // Folders written before the device existed ran on the CPU.
        string oldDevice = RunRecord.Text(old, "device", SciTransfer.Core.Gpu.EngineDevices.Cpu);
        if (oldDevice != Device(config, options))
        {
            throw new ConfigException(
                Path.Combine(dir, RunRecord.FileName),
                "$.device",
                $"the output folder was run on device '{oldDevice}', this run asks for '{Device(config, options)}' (results differ within the device tolerance); use another --out or the same device");
        }

        if (oldConfig != newConfig || oldQuick != options.Quick)
        {
            throw new ConfigException(
                Path.Combine(dir, RunRecord.FileName),
                "$.config",
                $"the output folder holds a different study or settings ('{RunRecord.Text(old, "study")}'{(oldQuick ? ", quick" : "")}); use another --out or remove the folder");
        }
    }
}
