using System.Globalization;
using SciTransfer.Plotting;
using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli;

/// <summary>
/// What each command does, as plain methods over parsed values (the parser in <see cref="Program"/> only maps
/// arguments onto these). Each returns an exit code and writes messages to the given writers.
/// </summary>
public sealed class Commands(TextWriter output, TextWriter error)
{
    private readonly ProblemCatalog _catalog = Catalog.Create();

    /// <summary><c>run CONFIG [--out DIR] [--quick] [--threads N] [--shard K/N] [--backend B]</c>.</summary>
    public int Run(string configPath, string? outDir, bool quick, int threads, string? shard, string backend) => Guard(() =>
    {
        if (backend is not ("managed" or "opencl"))
        {
            throw new ConfigException("command line", "--backend", $"expected managed or opencl, found '{backend}'");
        }

        var shardSpec = shard is null ? null : ShardSpec.Parse(shard);
        var config = StudyConfigLoader.Load(configPath, _catalog, new ProblemSettings(quick, backend));
        string dir = outDir ?? Path.Combine("runs", config.Name + (quick ? "-quick" : "") + (shardSpec is null ? "" : $"-shard{shardSpec.Index}of{shardSpec.Count}"));
        var options = new RunOptions(dir, threads, shardSpec, quick, backend, VersionInfo.Describe());
        output.WriteLine($"study {config.Name}: {StudyPlan.Cells(config).Count} cells, {threads} thread(s), output {dir}");
        var outcome = ProgressDisplay.Show(config.Name, p => StudyRunner.Run(config, options, TestPauseHook.Wrap(p)), output);
        var written = StudyReport.Write(dir, OutputFolder.Rebuild(dir));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"done: {outcome.CellsRun} cells run, {outcome.CellsSkipped} skipped, {outcome.Wall.TotalSeconds:F1} s; wrote {Path.Combine(dir, "results.csv")}, summary.csv, report.md and {written.Count} report files"));
        return ExitCodes.Ok;
    });

    /// <summary><c>report DIR</c>: rebuilds summary, plots and report from results.csv.</summary>
    public int Report(string dir) => Guard(() =>
    {
        var written = StudyReport.Write(dir, OutputFolder.Rebuild(dir));
        output.WriteLine($"wrote summary.csv and {written.Count} report files in {dir}");
        return ExitCodes.Ok;
    });

    /// <summary><c>merge DIR... --out OUT</c>: joins shard folders.</summary>
    public int Merge(IReadOnlyList<string> shardDirs, string outDir) => Guard(() =>
    {
        int rows = ShardMerger.Merge(shardDirs, outDir);
        var written = StudyReport.Write(outDir, OutputFolder.Rebuild(outDir));
        output.WriteLine($"merged {shardDirs.Count} folders: {rows} rows into {outDir} ({written.Count} report files)");
        return ExitCodes.Ok;
    });

    /// <summary><c>list</c>: studies in experiments/, problems with strategies and metrics, bench workloads.</summary>
    public int List(string experimentsDir) => Guard(() =>
    {
        output.WriteLine("Studies (experiments/):");
        if (Directory.Exists(experimentsDir))
        {
            foreach (string f in Directory.GetFiles(experimentsDir, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                output.WriteLine($"  {f}");
            }
        }

        output.WriteLine("Problems:");
        foreach (var module in _catalog.Modules)
        {
            foreach (var factory in module.Problems)
            {
                var p = factory.Create(OptionsReader.Empty(), new ProblemSettings());
                output.WriteLine($"  {p.Name}  ({p.ScarcityAxis}; default sizes {string.Join(" ", p.DefaultSizes)})");
                output.WriteLine($"      {p.Description}");
                output.WriteLine($"      strategies: {string.Join(", ", p.Strategies)}");
                output.WriteLine($"      metrics: {string.Join(", ", p.Metrics.Select(m => $"{m.Name}{(m.Unit.Length > 0 ? $" ({m.Unit})" : "")} {(m.LowerIsBetter ? "lower" : "higher")} is better"))}");
            }
        }

        output.WriteLine("Bench workloads (scitransfer bench NAME --threads T ...):");
        foreach (var b in _catalog.Benchmarks)
        {
            output.WriteLine($"  {b.Name}: {b.Description} [options: {string.Join(", ", b.OptionKeys.Select(k => "--" + k))}]");
        }

        return ExitCodes.Ok;
    });

    /// <summary><c>bench WORKLOAD [--key value]...</c>.</summary>
    public int Bench(string workload, IReadOnlyList<string> tokens) => Guard(() =>
    {
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
            error.WriteLine(e.InnerException?.ToString());
            return ExitCodes.RunFailed;
        }
    }
}
