using System.Globalization;
using SciTransfer.Core.Gpu;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Catalog;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Cli;

/// <summary>
/// What each command does, as plain methods over parsed values (the parser in <see cref="Program"/> only maps
/// arguments onto these). Each returns an exit code and writes messages to the given writers.
/// </summary>
public sealed partial class Commands(TextWriter output, TextWriter error)
{
    private readonly ProblemCatalog _catalog = Catalog.Create();

    /// <summary>
    /// <c>run CONFIG [--out DIR] [--quick] [--threads N] [--shard K/N] [--backend B] [--device D] [--set PATH=VALUE]... [--grace SECONDS]</c>.
    /// SIGINT and SIGTERM stop the run cleanly (exit 130 / 143); see <see cref="SignalHandler"/>. <c>--device D</c> is
    /// <c>--set device=D</c> applied after the other assignments (so it is part of the resolved config a resume compares).
    /// </summary>
    public int Run(string configPath, string? outDir, bool quick, int threads, string? shard, string backend, IReadOnlyList<string>? overrides = null, double graceSeconds = 5, ClusterRunArgs? cluster = null, string? device = null) => Guard(() =>
    {
        if (device is not null)
        {
            if (!EngineDevices.Names.Contains(device))
            {
                throw new ConfigException("command line", "--device", $"expected {string.Join(", ", EngineDevices.Names)}, found '{device}'");
            }

            overrides = [.. overrides ?? [], "device=" + device];
        }

        if (backend is not ("managed" or "gpu" or "opencl" or "ilgpu-cpu" or "auto"))
        {
            throw new ConfigException("command line", "--backend", $"expected managed, gpu, opencl, ilgpu-cpu or auto, found '{backend}'");
        }

        if (!(graceSeconds >= 0 && graceSeconds <= 3600))
        {
            throw new ConfigException("command line", "--grace", $"expected seconds between 0 and 3600, found {graceSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        var shardSpec = shard is null ? null : ShardSpec.Parse(shard);
        var config = StudyConfigLoader.Load(configPath, _catalog, new ProblemSettings(quick, backend), overrides);
        if (EngineDevices.IsAccelerated(config.Device))
        {
            // Fail before any cell starts when the asked device does not exist.
            try
            {
                EngineDevices.Acquire(config.Device);
            }
            catch (DeviceUnavailableException e)
            {
                throw new ConfigException(configPath, "$.device", e.Message);
            }
        }

        string dir = outDir ?? Path.Combine("runs", config.Name + (quick ? "-quick" : "") + (shardSpec is null ? "" : $"-shard{shardSpec.Index}of{shardSpec.Count}"));
        var options = new RunOptions(dir, threads, shardSpec, quick, backend, VersionInfo.Describe())
        {
            Grace = TimeSpan.FromSeconds(graceSeconds),
            PauseAfterCells = TestHook("SCITRANSFER_TEST_PAUSE_AFTER_CELLS"),
            DiskFullAfterCells = TestHook("SCITRANSFER_TEST_DISK_FULL_AFTER_CELLS"),
        };
        if (cluster is not null)
        {
            if (cluster.PretrainOnly is not null)
            {
                return Pretrain(config, cluster, dir, quick, backend);
            }

            options = ForShard(options, cluster, shardSpec);
        }

        output.WriteLine($"study {config.Name}: {StudyPlan.Cells(config).Count} cells, {threads} thread(s), output {dir}");
        using var signals = new SignalHandler(error, options.Grace);
        RunOutcome outcome;
        try
        {
            outcome = ProgressDisplay.Show(config.Name, p => StudyRunner.Run(config, options, p, signals.Token), output, error);
        }
        catch (RunInterruptedException e)
        {
            SignalHandler.RestoreCursor();
            error.WriteLine(e.Message);
            return signals.ExitCode;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"done: {outcome.CellsRun} cells run, {outcome.CellsSkipped} skipped, {outcome.Wall.TotalSeconds:F1} s; wrote {Path.Combine(dir, "results.csv")}, summary.csv, report.md, report.html and {outcome.ReportFiles.Count} report files"));
        return ExitCodes.Ok;
    });

    /// <summary><c>report DIR</c>: rebuilds summary, plots and report from results.csv (holding the folder's lock).</summary>
    public int Report(string dir) => Guard(() =>
    {
        using var folderLock = OutputLock.Acquire(dir, "report", create: false);
        var written = StudyReport.Write(dir, OutputFolder.Rebuild(dir));
        output.WriteLine($"wrote summary.csv and {written.Count} report files in {dir}");
        return ExitCodes.Ok;
    });

    /// <summary><c>merge DIR... --out OUT [--allow-partial]</c>: joins shard folders (holding OUT's lock).</summary>
    public int Merge(IReadOnlyList<string> shardDirs, string outDir, bool allowPartial = false) => Guard(() =>
    {
        using var folderLock = OutputLock.Acquire(outDir, "merge");
        int rows = ShardMerger.Merge(shardDirs, outDir, allowPartial);
        var written = StudyReport.Write(outDir, OutputFolder.Rebuild(outDir));
        string partial = RunRecord.Text(RunRecord.Read(outDir), "partial");
        output.WriteLine($"merged {shardDirs.Count} folders: {rows} rows into {outDir} ({written.Count} report files){(partial.Length > 0 ? "; " + partial : "")}");
        return ExitCodes.Ok;
    });

    /// <summary>A non-negative integer from an environment variable (test hooks), or null.</summary>
    private static int? TestHook(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k : null;

    /// <summary><c>list [--options [PROBLEM]] [--json]</c>: studies in experiments/, problems with strategies and metrics, bench workloads.</summary>
    public int List(string experimentsDir, bool options = false, string? problem = null, bool json = false) => Guard(() =>
    {
        var studies = Directory.Exists(experimentsDir)
            ? Directory.GetFiles(experimentsDir, "*.json").Order(StringComparer.Ordinal).ToList()
            : [];
        if (json)
        {
            output.WriteLine(CatalogJson.Build(_catalog, studies).ToJsonString(RunRecord.JsonOptions));
            return ExitCodes.Ok;
        }

        var described = ProblemDescription.All(_catalog);
        if (problem is not null)
        {
            described = [.. described.Where(d => d.Factory.Name == problem)];
            if (described.Count == 0)
            {
                throw new ConfigException("command line", "list --options", $"unknown problem '{problem}'; known: {string.Join(", ", _catalog.ProblemNames)}");
            }
        }

        if (!options)
        {
            output.WriteLine("Studies (experiments/):");
            foreach (string f in studies)
            {
                output.WriteLine($"  {f}");
            }

            output.WriteLine("Problems:");
        }

        foreach (var d in described)
        {
            var p = d.Defaults;
            output.WriteLine($"  {d.Factory.Name}{(p is null ? "" : $"  ({p.ScarcityAxis}; default sizes {string.Join(" ", p.DefaultSizes)})")}");
            output.WriteLine($"      {d.Factory.Summary}");
            if (p is not null)
            {
                output.WriteLine($"      strategies: {string.Join(", ", p.Strategies.Select(s => s.IsBaseline ? s.Name + " (baseline)" : s.Name))}");
                output.WriteLine($"      metrics: {string.Join(", ", p.Metrics.Select(m => $"{m.Name}{(m.Unit.Length > 0 ? $" ({m.Unit})" : "")} {(m.LowerIsBetter ? "lower" : "higher")} is better"))}");
            }

            if (options)
            {
                if (p is not null)
                {
                    foreach (var s in p.Strategies)
                    {
                        output.WriteLine($"      strategy {s.Name}: {s.Description} [needs {s.Needs.Describe()}{(s.IsBaseline ? "; baseline" : "")}]");
                    }
                }

                output.WriteLine("      options:");
                foreach (var o in d.Factory.Options)
                {
                    string range = o.RangeText();
                    output.WriteLine($"        {o.Name} = {o.DefaultText()}{(o.QuickChanges ? $" (--quick: {o.DefaultText(quick: true)})" : "")}  {o.Doc}{(o.Unit.Length > 0 ? $" [{o.Unit}]" : "")}{(range.Length > 0 ? $" ({range})" : "")}");
                }

                if (d.Factory.Data is { } data)
                {
                    output.WriteLine($"      data files (\"data\": {{\"files\": {{...}}, \"split\": {{...}}}}): {data.Doc}");
                    foreach (var f in data.Files)
                    {
                        output.WriteLine($"        {f.Name}{(f.Required ? "" : " (optional)")}: {f.Doc}");
                    }

                    output.WriteLine($"        split kinds: {string.Join(", ", data.SplitKinds.Select(SciTransfer.Transfer.Data.SplitSpec.Name))}");
                }
            }
        }

        if (!options)
        {
            output.WriteLine("Bench workloads (scitransfer bench NAME --threads T ...):");
            foreach (var b in _catalog.Benchmarks)
            {
                output.WriteLine($"  {b.Name}: {b.Description} [options: {string.Join(", ", b.OptionKeys.Select(k => "--" + k))}]");
            }
        }

        return ExitCodes.Ok;
    });

    /// <summary><c>schema [--out FILE]</c>: the JSON Schema of study configs.</summary>
    public int Schema(string? outFile) => Guard(() =>
    {
        string text = StudySchema.Build(_catalog).ToJsonString(RunRecord.JsonOptions) + "\n";
        WriteOrPrint(outFile, text, "schema");
        return ExitCodes.Ok;
    });

    /// <summary><c>init PROBLEM [--out FILE]</c>: a runnable starter config with every option at its default, commented.</summary>
    public int Init(string problem, string? outFile) => Guard(() =>
    {
        if (!_catalog.TryGetProblem(problem, out var factory))
        {
            throw new ConfigException("command line", "init", $"unknown problem '{problem}'; known: {string.Join(", ", _catalog.ProblemNames)}");
        }

        WriteOrPrint(outFile, StarterConfig.Write(factory), "starter config");
        return ExitCodes.Ok;
    });

    private void WriteOrPrint(string? outFile, string text, string what)
    {
        if (outFile is null)
        {
            output.Write(text);
            return;
        }

        if (File.Exists(outFile))
        {
            throw new ConfigException("command line", "--out", $"{Path.GetFullPath(outFile)} exists; remove it or choose another file");
        }

        string? dir = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(outFile, text, new System.Text.UTF8Encoding(false));
        output.WriteLine($"wrote {what} {outFile}");
    }

    /// <summary><c>bench WORKLOAD [--engine core|torchsharp] [--key value]...</c>.</summary>
    public int Bench(string workload, IReadOnlyList<string> tokens) => Guard(() =>
    {
        int e = tokens.ToList().IndexOf("--engine");
        string engine = e >= 0 && e + 1 < tokens.Count ? tokens[e + 1] : "core";
        if (e >= 0)
        {
            tokens = [.. tokens.Take(e), .. tokens.Skip(e + 2)];
        }

        if (engine == "torchsharp")
        {
            return TorchBench(workload, tokens);
        }

        if (engine != "core")
        {
            throw new ConfigException("command line", "--engine", $"expected core or torchsharp, found '{engine}'");
        }

        if (!_catalog.TryGetBenchmark(workload, out var w))
        {
            throw new ConfigException("command line", "bench", $"unknown workload '{workload}'; known: {string.Join(", ", _catalog.Benchmarks.Select(b => b.Name))}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            if (!t.StartsWith("--", StringComparison.Ordinal) || t.Length < 3)
            {
                throw new ConfigException("command line", t, "expected an option --key value");
            }

            string key = t[2..];
            if (!w.OptionKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new ConfigException("command line", t, $"unknown option for {workload}; accepted: {string.Join(", ", w.OptionKeys.Select(k => "--" + k))}");
            }

            if (i + 1 >= tokens.Count)
            {
                throw new ConfigException("command line", t, "missing value");
            }

            values[key] = tokens[++i];
        }

        w.Run(new BenchArguments(values), output, CancellationToken.None);
        return ExitCodes.Ok;
    });

    /// <summary>
    /// The TorchSharp versions of lstm-step / pinn-step. Kept in its own method, never inlined, so that only this
    /// command loads SciTransfer.Torch, TorchSharp and libtorch (a plain study never JIT-compiles a reference to them).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private int TorchBench(string workload, IReadOnlyList<string> tokens)
    {
        if (!SciTransfer.Torch.Bench.TorchBench.Workloads.Contains(workload))
        {
            throw new ConfigException("command line", "bench", $"workload '{workload}' has no TorchSharp version; those that do: {string.Join(", ", SciTransfer.Torch.Bench.TorchBench.Workloads)}");
        }

        var keys = SciTransfer.Torch.Bench.TorchBench.OptionKeys(workload);
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i += 2)
        {
            string key = tokens[i].StartsWith("--", StringComparison.Ordinal) ? tokens[i][2..] : string.Empty;
            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                throw new ConfigException("command line", tokens[i], $"unknown option for {workload} --engine torchsharp; accepted: {string.Join(", ", keys.Select(k => "--" + k))}");
            }

            if (i + 1 >= tokens.Count || !int.TryParse(tokens[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 1)
            {
                throw new ConfigException("command line", tokens[i], "expected a positive integer value");
            }

            values[key] = v;
        }

        if (!SciTransfer.Torch.TorchRuntime.TryLoad(out var reason))
        {
            throw new ConfigException("command line", "--engine torchsharp", "libtorch cannot be loaded: " + reason);
        }

        SciTransfer.Torch.Bench.TorchBench.Run(workload, values, output);
        return ExitCodes.Ok;
    }

    private int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ConfigException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadConfig;
        }
        catch (DataFormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadData;
        }
        catch (CellFailedException e)
        {
            error.WriteLine($"error: {e.Message}");
            if (e.InnerException is { } first and not DivergedException)
            {
                error.WriteLine($"first failure ({e.Cell}):");
                error.WriteLine(first.ToString());
            }

            return ExitCodes.RunFailed;
        }
        catch (OutputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.IoFailed;
        }
        catch (Exception e) when (OutputException.IsIoFault(e))
        {
            error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.IoFailed;
        }
    }
}
