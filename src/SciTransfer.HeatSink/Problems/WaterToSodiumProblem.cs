using System.Globalization;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// PINN transfer from a water-cooled to a sodium-cooled heat-sink cell: n_target sodium temperature sensors
/// (from the reference solver) plus the sodium physics.
/// </summary>
public sealed class WaterToSodiumProblem : ITransferProblem
{
    /// <summary>Strategy names before the balancing variants.</summary>
    public static IReadOnlyList<string> BaseStrategies { get; } = ["source-only", "scratch", "fine-tune", "fine-tune-head", "data-only", "fine-tune+lbfgs"];

    /// <summary>Creates the problem from resolved settings.</summary>
    public WaterToSodiumProblem(string name, PinnStudySettings settings)
    {
        Name = name;
        Settings = settings;
        Strategies = [.. BaseStrategies, .. LossBalancers.Names.Where(n => n != "fixed").Select(n => "fine-tune+" + n)];
    }

    /// <summary>Resolved settings.</summary>
    public PinnStudySettings Settings { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"PINN of the fin/base cell: water (Bi {Settings.Source.Biot:G3}, fin {Settings.Source.Geometry.FinHeight:G3}) -> sodium (Bi {Settings.Target.Biot:G3}, fin {Settings.Target.Geometry.FinHeight:G3}); field error vs the finite-volume reference");

    /// <inheritdoc/>
    public string ScarcityAxis => "sodium temperature sensors";

    /// <inheritdoc/>
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("rel_l2", "", true, "relative L2 error of theta against the finite-volume reference"),
        new("peak_error", "%", true, "error of the peak temperature rise"),
        new("steps_to_target", "steps", true, "optimiser steps until the field error reaches the target (NaN: never)"),
        new("seconds_to_target", "s", true, "wall seconds until the field error reaches the target (varies run to run)", IsTiming: true),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<string> Strategies { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> DefaultSizes { get; } = [0, 4, 8, 16, 32, 64];

    /// <inheritdoc/>
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new WaterToSodiumInstance(this, context);
    }
}
