using System.CommandLine;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli;

/// <summary>Entry point of <c>scitransfer</c>: parses arguments and maps them onto <see cref="Commands"/>.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args)
    {
        var commands = new Commands(Console.Out, Console.Error);
        var root = new RootCommand("SciTransfer: source -> target transfer learning in science, measured as data-scarcity curves.");

        var config = new Argument<string>("config") { Description = "study config (JSON), e.g. experiments/quickstart.json" };
        var outDir = new Option<string?>("--out") { Description = "output folder (default runs/<study>); rerunning into it resumes" };
        var quick = new Option<bool>("--quick") { Description = "shrink the study for a smoke run" };
        var threads = new Option<int>("--threads") { Description = "cells run in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "run shard K/N of the cells" };
        var backend = new Option<string>("--backend") { Description = "compute backend: managed | gpu | opencl | ilgpu-cpu | auto", DefaultValueFactory = _ => "managed" };
        var device = new Option<string?>("--device") { Description = "training device: cpu | gpu | ilgpu-cpu (same as --set device=...; overrides the config's \"device\")" };
        var set = new Option<string[]>("--set") { Description = "override a config value: PATH=VALUE, e.g. problems[0].options.hidden=32 (repeatable; recorded in run.json)", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] };
        var grace = new Option<double>("--grace") { Description = "after Ctrl-C or SIGTERM, seconds running cells may take to finish before they are abandoned", DefaultValueFactory = _ => RunOptions.DefaultGrace.TotalSeconds };
        var plan = new Option<string?>("--plan") { Description = "cluster plan.json (from `slurm submit`): with --shard K/N run only the cells the plan gives shard K" };
        var sources = new Option<string?>("--sources") { Description = "folder of the source-model cache shared by cluster jobs (default: OUT/sources)" };
        var pretrainOnly = new Option<int?>("--pretrain-only", "--sources-only") { Description = "with --plan: only train and cache the source model of the plan's pretrain entry K (1-based)" };
        var run = new Command("run", "run (or resume) a study") { config, outDir, quick, threads, shard, backend, device, set, grace, plan, sources, pretrainOnly };
        run.SetAction(pr => commands.Run(pr.GetValue(config)!, pr.GetValue(outDir), pr.GetValue(quick), pr.GetValue(threads), pr.GetValue(shard), pr.GetValue(backend)!, pr.GetValue(set), pr.GetValue(grace), ClusterRunArgs.From(pr.GetValue(plan), pr.GetValue(sources), pr.GetValue(pretrainOnly)), pr.GetValue(device)));

        var dir = new Argument<string>("dir") { Description = "output folder of a run" };
        var report = new Command("report", "rebuild summary.csv, plots and report.md from results.csv") { dir };
        report.SetAction(pr => commands.Report(pr.GetValue(dir)!));

        var dirs = new Argument<string[]>("dirs") { Description = "shard output folders", Arity = ArgumentArity.OneOrMore };
        var mergeOut = new Option<string>("--out") { Description = "merged output folder", Required = true };
        var allowPartial = new Option<bool>("--allow-partial") { Description = "merge even when cells of the study are missing (run.json and the report then say \"partial: N of M cells\")" };
        var merge = new Command("merge", "join shard folders into one") { dirs, mergeOut, allowPartial };
        merge.SetAction(pr => commands.Merge(pr.GetValue(dirs)!, pr.GetValue(mergeOut)!, pr.GetValue(allowPartial)));

        var listOptions = new Option<bool>("--options") { Description = "print every problem's declared options (name = default, doc, unit, range) and strategies with their needs" };
        var listJson = new Option<bool>("--json") { Description = "print the whole catalogue as JSON" };
        var listProblem = new Argument<string?>("problem") { Description = "only this problem (with --options)", Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("list", "name the studies, problems, strategies and bench workloads") { listOptions, listJson, listProblem };
        list.SetAction(pr => commands.List("experiments", pr.GetValue(listOptions) || pr.GetValue(listProblem) is not null, pr.GetValue(listProblem), pr.GetValue(listJson)));

        var schemaOut = new Option<string?>("--out") { Description = "write the schema to FILE instead of printing it" };
        var schema = new Command("schema", "write the JSON Schema of study configs (for editors and validators)") { schemaOut };
        schema.SetAction(pr => commands.Schema(pr.GetValue(schemaOut)));

        var initProblem = new Argument<string>("problem") { Description = "registered problem, see `scitransfer list`" };
        var initOut = new Option<string?>("--out") { Description = "write the config to FILE instead of printing it" };
        var init = new Command("init", "write a runnable starter config for a problem, every option at its default with its description") { initProblem, initOut };
        init.SetAction(pr => commands.Init(pr.GetValue(initProblem)!, pr.GetValue(initOut)));

        var workload = new Argument<string>("workload") { Description = "bench workload, see `scitransfer list`" };
        var bench = new Command("bench", "time a workload; prints `name key=value ...` lines like the peer scripts") { workload };
        bench.TreatUnmatchedTokensAsErrors = false;
        bench.SetAction(pr => commands.Bench(pr.GetValue(workload)!, pr.UnmatchedTokens));

        root.Subcommands.Add(run);
        root.Subcommands.Add(report);
        root.Subcommands.Add(merge);
        root.Subcommands.Add(list);
        root.Subcommands.Add(schema);
        root.Subcommands.Add(init);
        root.Subcommands.Add(bench);
        root.Subcommands.Add(commands.ExportCommand());
        ClusterCommands.Add(root, commands);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                Console.Error.WriteLine($"error: command line: {e.Message}");
            }

            return ExitCodes.BadConfig;
        }

        return parsed.Invoke();
    }
}
