namespace SciTransfer.Transfer.Running;

/// <summary>How to run a study.</summary>
/// <param name="OutputDirectory">Output folder; rerunning into it resumes.</param>
/// <param name="Threads">Cells run in parallel (each cell itself is single-threaded).</param>
/// <param name="Shard">Run only this shard of the cells (null: all).</param>
/// <param name="Quick">True under --quick (recorded; the config loader already shrank the study).</param>
/// <param name="Backend">Compute backend requested (recorded in run.json).</param>
/// <param name="Version">Version string recorded in run.json (git commit when available).</param>
/// <param name="WriteReport">False to skip figures and report (summary.csv and timings.csv are always written).</param>
public sealed record RunOptions(
    string OutputDirectory,
    int Threads = 1,
    ShardSpec? Shard = null,
    bool Quick = false,
    string Backend = "managed",
    string Version = "unknown",
    bool WriteReport = true);
