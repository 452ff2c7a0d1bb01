namespace SciTransfer.Transfer.Problems;

/// <summary>A named target metric of a problem: "rmse" in "%", lower is better.</summary>
/// <param name="Name">Column value in results.csv (lower-case, no spaces), e.g. "rmse", "accuracy".</param>
/// <param name="Unit">Unit for axis titles, e.g. "%", "K", "" for dimensionless.</param>
/// <param name="LowerIsBetter">True for errors, false for scores such as accuracy.</param>
/// <param name="Description">One line for reports.</param>
/// <param name="IsTiming">True for wall-clock measurements (seconds to a target): they vary run to run, so they
/// are summarised in timings.csv, never in summary.csv (which must be byte-identical across thread counts).</param>
/// <param name="IsDiagnostic">True for values recorded per cell to explain a fit (a fitted shift, the model a
/// selector chose), not to rank strategies: they are in results.csv and summary.csv, but the report draws no curve
/// or table for them and its answer ignores them. NaN where a strategy has no such value.</param>
/// <param name="EstimateOf">When set, this metric is a label-free estimate of the named metric (same unit and
/// direction, computed without target labels, e.g. importance-weighted validation on the source): the report ranks the
/// strategies by it beside the test ranking (<see cref="Summary.LabelFreeSelection"/>). Null for ordinary metrics.</param>
public sealed record MetricInfo(string Name, string Unit, bool LowerIsBetter, string Description = "", bool IsTiming = false, bool IsDiagnostic = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? EstimateOf = null);
