using System.Text.Json.Nodes;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Config;

/// <summary>A parsed, validated study: what to run. Built by <see cref="StudyConfigLoader"/>.</summary>
/// <param name="Name">Study name ("quickstart").</param>
/// <param name="Description">One line.</param>
/// <param name="Seed">Master seed; every stream is derived from it.</param>
/// <param name="Problems">Problem entries in config order.</param>
/// <param name="Resolved">The config after defaults (recorded in run.json).</param>
/// <param name="SourceFile">Path of the config file.</param>
public sealed record StudyConfig(
    string Name,
    string Description,
    ulong Seed,
    IReadOnlyList<StudyProblem> Problems,
    JsonObject Resolved,
    string SourceFile)
{
    /// <summary>The <c>--set</c> assignments applied to the file (recorded in run.json).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>
    /// The study's training device (<c>"device"</c>: cpu, gpu or ilgpu-cpu; default cpu). Recorded in the resolved config
    /// only when the file (or <c>--set</c>/<c>--device</c>) gives it, so configs without it resolve as before.
    /// </summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Most cells whose device trainings run as one batch (<c>"device_batch"</c>, 1 to
    /// <see cref="StudyConfigLoader.MaxDeviceBatch"/>; default 1, no batching; used only on gpu and ilgpu-cpu).
    /// Recorded in the resolved config only when given.
    /// </summary>
    public int DeviceBatch { get; init; } = 1;
}

/// <summary>One problem entry of a study.</summary>
/// <param name="Id">Id in results.csv (unique in the study).</param>
/// <param name="Problem">The configured problem.</param>
/// <param name="Strategies">Strategies to run, in config order.</param>
/// <param name="Sizes">n_target values, ascending and distinct.</param>
/// <param name="Repeats">Number of repeats.</param>
/// <param name="Data">The entry's resolved data block, or null for generated data.</param>
public sealed record StudyProblem(
    string Id,
    ITransferProblem Problem,
    IReadOnlyList<IStrategy> Strategies,
    IReadOnlyList<int> Sizes,
    int Repeats,
    DataBlock? Data = null)
{
    /// <summary>Strategy names in config order.</summary>
    public IReadOnlyList<string> StrategyNames => Strategies.Names();

    /// <summary>
    /// The key its repeats are seeded from: the problem's <see cref="ITransferProblem.SeedKey"/> when it declares one
    /// (entries with equal keys draw identical repeats, for paired comparisons across entries), else <see cref="Id"/>.
    /// </summary>
    public string SeedKey => Problem.SeedKey ?? Id;

    /// <summary>The <c>source_model</c> file that replaces pre-training (<see cref="SourceModelOption"/>), or null.</summary>
    public SourceModelFile? SourceModel { get; init; }
}
