using System.Text.Json.Serialization;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Summary;

/// <summary>What the report needs to know about a problem of a study (stored in run.json).</summary>
/// <param name="Id">Id used in results.csv (the problem name, or the config's "id" when one problem runs twice).</param>
/// <param name="Name">Registered problem name.</param>
/// <param name="Description">One line.</param>
/// <param name="ScarcityAxis">X axis label, e.g. "target samples".</param>
/// <param name="Metrics">Metrics with units and direction.</param>
/// <param name="Strategies">Strategies run.</param>
/// <param name="Sizes">n_target values run.</param>
/// <param name="ComparisonGroup">Problems sharing a group get a joint retention plot (null: none).</param>
/// <param name="Baselines">The simple baselines among <paramref name="Strategies"/> (training mean, physics, fitted correlation...).</param>
/// <param name="Warnings">The problem's doubts about its data (<see cref="ITransferProblem.Warnings"/>); null or empty: none.</param>
public sealed record ProblemManifest(
    string Id,
    string Name,
    string Description,
    string ScarcityAxis,
    IReadOnlyList<MetricInfo> Metrics,
    IReadOnlyList<string> Strategies,
    IReadOnlyList<int> Sizes,
    string? ComparisonGroup,
    IReadOnlyList<string>? Baselines = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null)
{
    /// <summary>Trainable parameters of the problem's model (<see cref="ITransferProblem.ParameterCount"/>); null: not stated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Parameters { get; init; }

    /// <summary>
    /// The seed key its repeats were drawn from when the problem declared one (<see cref="ITransferProblem.SeedKey"/>):
    /// problems with equal keys saw identical repeats, so their per-repeat differences are truly paired. Null: its id.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SeedKey { get; init; }
}
