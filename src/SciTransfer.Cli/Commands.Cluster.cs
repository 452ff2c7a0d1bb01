using System.Diagnostics;
using System.Globalization;
using SciTransfer.Transfer.Cluster;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli;

/// <summary>The cluster flags of <c>run</c> (used by the jobs `slurm submit` writes).</summary>
/// <param name="Plan">plan.json of the cluster run.</param>
/// <param name="Sources">Shared source-model cache folder.</param>
/// <param name="PretrainOnly">Train only the plan's pretrain entry K (1-based).</param>
public sealed record ClusterRunArgs(string? Plan, string? Sources, int? PretrainOnly)
{
    /// <summary>Null when no cluster flag was given.</summary>
    public static ClusterRunArgs? From(string? plan, string? sources, int? pretrainOnly) =>
        plan is null && sources is null && pretrainOnly is null ? null : new(plan, sources, pretrainOnly);
}

/// <summary>Arguments of <c>slurm submit</c>.</summary>
/// <param name="Config">Study config.</param>
/// <param name="Out">DIR of the cluster run.</param>
/// <param name="Shards">Number of shards (stage b array size).</param>
/// <param name="Settings">Resource flags.</param>
/// <param name="Timings">timings.csv of an earlier run (refines the cost model), or null.</param>
/// <param name="App">Folder holding a scitransfer executable to run instead of publishing one into DIR/slurm/app.</param>
/// <param name="DryRun">Print scripts, commands and the plan; write and submit nothing.</param>
public sealed record SlurmSubmitArgs(string Config, string Out, int Shards, SlurmSettings Settings, string? Timings = null, string? App = null, bool DryRun = false);

/// <summary>Cluster commands: <c>slurm submit|finish|resubmit</c>, <c>status</c>, and the cluster side of <c>run</c>.</summary>
public sealed partial class Commands
{
    /// <summary>How jobs are submitted (tests pass a fake).</summary>
    public ISbatch Sbatch { get; init; } = new Sbatch();

    /// <summary>
    /// <c>slurm submit CONFIG --out DIR --shards N [resource flags] [--timings CSV] [--app DIR] [--dry-run]</c>: plans
    /// the shards, writes the batch scripts into DIR/slurm/, publishes a self-contained build into DIR/slurm/app
    /// (once; skipped with --app) and submits stage a, b and c.
    /// </summary>
    public int SlurmSubmit(SlurmSubmitArgs args) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Settings.Validate();
        var config = StudyConfigLoader.Load(args.Config, _catalog, new ProblemSettings());
        var cells = StudyPlan.Cells(config);
        var costs = args.Timings is null ? CellCostModel.Declared() : CellCostModel.FromTimings(args.Timings, cells);
        var plan = ShardPlan.Build(config, costs, args.Shards);
        var layout = ClusterLayout.Of(args.Out);
        string appDir = args.App is null ? layout.App : Path.GetFullPath(args.App);
        string exe = Path.Combine(appDir, "scitransfer");
        var scripts = SlurmScripts.Build(layout, settings, plan.Shards.Count, plan.ConfigFile, exe);
        var pretrainTasks = Enumerable.Range(1, plan.Pretrain.Count).ToList();
        var shardTasks = Enumerable.Range(1, plan.Shards.Count).ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"study {config.Name}: {cells.Count} cells in {plan.Shards.Count} shards, {plan.Pretrain.Count} source models pre-trained first; estimated cost ({(args.Timings is null ? "declared cost-class units" : "seconds, from " + args.Timings)}):"));
        foreach (var s in plan.Shards)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  shard {s.Index}: {s.Cells.Count} cells, cost {s.Cost:0.##}"));
        }

        if (args.DryRun)
        {
            foreach (var (name, text) in scripts)
            {
                output.WriteLine($"==> {layout.Script(name)}");
                output.Write(text);
            }

            output.WriteLine("would run:");
            if (!File.Exists(exe))
            {
                output.WriteLine("  " + ShellQuote.Join(PublishCommand(appDir)));
            }

            foreach (var j in SlurmSubmission.Submit(layout, pretrainTasks, shardTasks, null))
            {
                output.WriteLine("  " + j.CommandLine);
            }

            return ExitCodes.Ok;
        }

        if (File.Exists(layout.Plan))
        {
            throw new ConfigException("command line", "--out", $"{layout.Root} already holds a cluster run; see `scitransfer status {ShellQuote.Quote(layout.Root)}`, resubmit what is missing with `scitransfer slurm resubmit {ShellQuote.Quote(layout.Root)}`, or choose another --out");
        }

        if (!File.Exists(exe))
        {
            if (args.App is not null)
            {
                throw new ConfigException("command line", "--app", $"{appDir} holds no scitransfer executable");
            }

            Publish(appDir);
        }

        plan.Write(layout.Plan);
        SlurmScripts.Write(layout, scripts);
        File.WriteAllText(layout.AppPathFile, exe + "\n");
        foreach (var j in SlurmSubmission.Submit(layout, pretrainTasks, shardTasks, Sbatch))
        {
            output.WriteLine($"submitted {j.Stage}: job {j.JobId}");
        }

        output.WriteLine($"follow with: scitransfer status {ShellQuote.Quote(layout.Root)}");
        return ExitCodes.Ok;
    });

    /// <summary><c>status DIR</c>: cells done / failed / missing per stage and shard, from the files on disk.</summary>
    public int Status(string dir) => Guard(() =>
    {
        output.Write(ClusterProgress.Read(ClusterLayout.Of(dir)).Format());
        return ExitCodes.Ok;
    });

    /// <summary>
    /// <c>slurm finish DIR</c> (stage c): merges into DIR/merged when complete (exit 0); else prints the missing cells
    /// (also in DIR/slurm/missing.csv) and the resubmit command, exit 3.
    /// </summary>
    public int SlurmFinish(string dir) => Guard(() =>
    {
        var outcome = ClusterFinish.Run(ClusterLayout.Of(dir));
        output.Write(outcome.Progress.Format());
        if (outcome.ResubmitCommand is null)
        {
            output.WriteLine($"complete: merged {outcome.MergedRows} rows into {Path.Combine(ClusterLayout.Of(dir).Merged, "")} (summary.csv, report.md)");
            return ExitCodes.Ok;
        }

        var missing = outcome.Progress.Incomplete;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"incomplete: {missing.Count} cells not done (listed in {ClusterLayout.Of(dir).Missing}):"));
        foreach (var (shard, cell, why) in missing)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  shard {shard}: {cell} ({why})"));
        }

        output.WriteLine("resubmit only these with:");
        output.WriteLine("  " + outcome.ResubmitCommand);
        return ExitCodes.RunFailed;
    });

    /// <summary><c>slurm resubmit DIR</c>: submits again the pre-training tasks and shards that owe work, then a finish job.</summary>
    public int SlurmResubmit(string dir) => Guard(() =>
    {
        var layout = ClusterLayout.Of(dir);
        var progress = ClusterProgress.Read(layout);
        var shards = ClusterFinish.ShardsToRerun(progress);
        var pretrain = ClusterFinish.PretrainToRerun(progress);
        output.WriteLine($"resubmitting shards [{string.Join(", ", shards)}] and source models [{string.Join(", ", pretrain)}] of {layout.Root}");
        foreach (var j in SlurmSubmission.Submit(layout, pretrain, shards, Sbatch))
        {
            output.WriteLine($"submitted {j.Stage}: job {j.JobId} ({j.CommandLine})");
        }

        return ExitCodes.Ok;
    });

    /// <summary>`run --plan P --pretrain-only K`: trains the plan's K-th source model into the shared cache.</summary>
    private int Pretrain(StudyConfig config, ClusterRunArgs cluster, string dir, bool quick, string backend)
    {
        var plan = ShardPlan.Read(cluster.Plan ?? throw new ConfigException("command line", "--pretrain-only", "needs --plan"));
        int k = cluster.PretrainOnly!.Value;
        if (k < 1 || k > plan.Pretrain.Count)
        {
            throw new ConfigException("command line", "--pretrain-only", string.Create(CultureInfo.InvariantCulture, $"the plan has pretrain entries 1 to {plan.Pretrain.Count}, found {k}"));
        }

        var pair = plan.Pretrain[k - 1];
        using var signals = new SignalHandler(error, TimeSpan.Zero);
        try
        {
            bool trained = SourcePretrainer.Run(config, pair, cluster.Sources ?? Path.Combine(dir, "sources"), dir, new ProblemSettings(quick, backend, config.Device), VersionInfo.Describe(), signals.Token);
            output.WriteLine(trained ? $"trained the source model of {pair}" : $"the source model of {pair} was already cached");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            error.WriteLine($"stopped while training the source model of {pair}; nothing cached, resubmit to train it");
            return signals.ExitCode;
        }
    }

    /// <summary>Run options of a cluster shard: the plan's cells, the shared cache, the test pause hook.</summary>
    private static RunOptions ForShard(RunOptions options, ClusterRunArgs cluster, ShardSpec? shard)
    {
        options = options with { };
        if (cluster.Plan is not null)
        {
            var plan = ShardPlan.Read(cluster.Plan);
            if (shard is null || shard.Count != plan.Shards.Count)
            {
                throw new ConfigException("command line", "--plan", string.Create(CultureInfo.InvariantCulture, $"needs --shard K/{plan.Shards.Count} (the plan's shard count)"));
            }

            options = options with { Cells = plan.CellsOf(shard.Index) };

            // Test hook: SCITRANSFER_TEST_PAUSE_SHARD=K[:C] pauses shard K after C finished cells (default 1), so a
            // test's scancel lands mid-shard.
            string[] pause = (Environment.GetEnvironmentVariable("SCITRANSFER_TEST_PAUSE_SHARD") ?? "").Split(':');
            if (int.TryParse(pause[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k == shard.Index)
            {
                int after = pause.Length > 1 && int.TryParse(pause[1], NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : 1;
                options = options with { PauseAfterCells = after };
            }
        }

        return cluster.Sources is null ? options : options with { SourcesDirectory = Path.GetFullPath(cluster.Sources) };
    }

    /// <summary>The publish command line of a self-contained linux-x64 build into <paramref name="appDir"/>.</summary>
    private static string[] PublishCommand(string appDir) =>
        ["dotnet", "publish", Path.Combine(RepositoryRoot() ?? ".", "src", "SciTransfer.Cli", "SciTransfer.Cli.csproj"), "-c", "Release", "--self-contained", "-r", "linux-x64", "-o", appDir, "-nologo"];

    private void Publish(string appDir)
    {
        if (RepositoryRoot() is null)
        {
            throw new ConfigException("command line", "slurm submit", "cannot publish the app: run from the SciTransfer repository (it needs src/SciTransfer.Cli), or pass --app DIR with a published build");
        }

        string[] cmd = PublishCommand(appDir);
        error.WriteLine($"publishing a self-contained build for the nodes (once, a few minutes): {ShellQuote.Join(cmd)}");
        var psi = new ProcessStartInfo(cmd[0]) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string a in cmd.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        string log = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 || !File.Exists(Path.Combine(appDir, "scitransfer")))
        {
            error.WriteLine(log);
            throw new OutputException(appDir, string.Create(CultureInfo.InvariantCulture, $"dotnet publish failed (exit {p.ExitCode})"));
        }
    }

    /// <summary>The repository root (holding SciTransfer.sln) above the working folder or the program, or null.</summary>
    private static string? RepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "SciTransfer.sln")) && Directory.Exists(Path.Combine(d.FullName, "src", "SciTransfer.Cli")))
                {
                    return d.FullName;
                }
            }
        }

        return null;
    }
}
