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
    bool WriteReport = true)
{
    /// <summary>Default <see cref="Grace"/>.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After the run's cancellation token fires (Ctrl-C, SIGTERM), how long running cells may take to finish before
    /// they are abandoned (their rows are then not written; a rerun redoes them).
    /// </summary>
    public TimeSpan Grace { get; init; } = DefaultGrace;

    /// <summary>
    /// Test hook (environment variable SCITRANSFER_TEST_PAUSE_AFTER_CELLS in the CLI): once this many cells have
    /// finished, no further cell starts; the runner writes <c>.paused</c> into the output folder and waits until the
    /// run is cancelled, so a test can interrupt a run at a known point without timing races. Null: never pause.
    /// </summary>
    public int? PauseAfterCells { get; init; }

    /// <summary>
    /// Test hook (SCITRANSFER_TEST_DISK_FULL_AFTER_CELLS in the CLI): after this many cells are written, the next
    /// cell's rows are written half way and then fail as a full disk does, to test that a resume repairs the file.
    /// Null: no fault.
    /// </summary>
    public int? DiskFullAfterCells { get; init; }

    /// <summary>
    /// Run only these cells (a cluster shard's share, from its plan.json; <see cref="Shard"/> then only names the
    /// shard in run.json). Null: every cell of <see cref="Shard"/>, or of the study.
    /// </summary>
    public IReadOnlySet<Results.CellKey>? Cells { get; init; }

    /// <summary>
    /// Folder of the source-model cache (a cluster run's shared DIR/sources, written once by the pre-training jobs).
    /// Null: sources/ inside <see cref="OutputDirectory"/>.
    /// </summary>
    public string? SourcesDirectory { get; init; }

    /// <summary>
    /// Training device ("cpu", "gpu", "ilgpu-cpu"; see <see cref="SciTransfer.Core.Gpu.EngineDevices"/>) that overrides the
    /// config's <c>"device"</c>. Null: the config's (default cpu). The CLI's <c>--device</c> goes into the config instead
    /// (as <c>--set device=...</c>), so it is part of the resolved config a resume compares.
    /// </summary>
    public string? Device { get; init; }
}
