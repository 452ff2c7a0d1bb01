using System.CommandLine;
using SciTransfer.Transfer.Cluster;

namespace SciTransfer.Cli;

/// <summary>Parser of <c>slurm submit|finish|resubmit</c> and <c>status</c> (kept apart from <see cref="Program"/>).</summary>
internal static class ClusterCommands
{
    /// <summary>Adds the commands to <paramref name="root"/>.</summary>
    public static void Add(RootCommand root, Commands commands)
    {
        var config = new Argument<string>("config") { Description = "study config (JSON)" };
        var outDir = new Option<string>("--out") { Description = "cluster run folder DIR (scripts in DIR/slurm, results in DIR/merged)", Required = true };
        var shards = new Option<int>("--shards") { Description = "number of shards (cell array tasks), balanced by estimated cost", Required = true };
        var time = new Option<string?>("--time") { Description = "sbatch --time of each job, e.g. 02:00:00" };
        var mem = new Option<string?>("--mem") { Description = "sbatch --mem of each job, e.g. 4G" };
        var partition = new Option<string?>("--partition") { Description = "sbatch --partition" };
        var account = new Option<string?>("--account") { Description = "sbatch --account" };
        var qos = new Option<string?>("--qos") { Description = "sbatch --qos" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs of a shard job (its cells run in parallel)", DefaultValueFactory = _ => 1 };
        var extra = new Option<string[]>("--sbatch-arg") { Description = "a further sbatch flag written into every script, e.g. --sbatch-arg=--constraint=avx2 (repeatable)", DefaultValueFactory = _ => [] };
        var timings = new Option<string?>("--timings") { Description = "timings.csv of an earlier run: balance shards by measured seconds" };
        var app = new Option<string?>("--app") { Description = "folder with a scitransfer executable the jobs run (default: publish a self-contained build into DIR/slurm/app)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the plan, the scripts and the sbatch commands; write and submit nothing" };
        var submit = new Command("submit", "plan shards, write batch scripts into DIR/slurm and submit: sources (a), cells (b), finish (c)")
        {
            config, outDir, shards, time, mem, partition, account, qos, cpus, extra, timings, app, dryRun,
        };
        submit.SetAction(pr => commands.SlurmSubmit(new SlurmSubmitArgs(
            pr.GetValue(config)!,
            pr.GetValue(outDir)!,
            pr.GetValue(shards),
            new SlurmSettings(pr.GetValue(time), pr.GetValue(mem), pr.GetValue(partition), pr.GetValue(account), pr.GetValue(qos), pr.GetValue(cpus), pr.GetValue(extra)),
            pr.GetValue(timings),
            pr.GetValue(app),
            pr.GetValue(dryRun))));

        var dir = new Argument<string>("dir") { Description = "cluster run folder (the --out of slurm submit)" };
        var finish = new Command("finish", "merge the shards into DIR/merged, or list the missing cells and the resubmit command (exit 3)") { dir };
        finish.SetAction(pr => commands.SlurmFinish(pr.GetValue(dir)!));
        var resubmit = new Command("resubmit", "submit again only the shards and source models that owe work, then a finish job") { dir };
        resubmit.SetAction(pr => commands.SlurmResubmit(pr.GetValue(dir)!));

        var slurm = new Command("slurm", "run a study on a Slurm cluster (see docs/harness.md, \"Running on a cluster\")") { submit, finish, resubmit };
        root.Subcommands.Add(slurm);

        var statusDir = new Argument<string>("dir") { Description = "cluster run folder" };
        var status = new Command("status", "cells done / failed / missing per stage and shard of a cluster run, from the files on disk") { statusDir };
        status.SetAction(pr => commands.Status(pr.GetValue(statusDir)!));
        root.Subcommands.Add(status);
    }
}
