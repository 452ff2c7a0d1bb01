using System.Globalization;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.HeatSink.Solver;
using SciTransfer.HeatSink.Strategies;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// PINN transfer from a water-cooled to a sodium-cooled heat-sink cell: n_target sodium temperature sensors
/// (from the reference solver) plus the sodium physics.
/// </summary>
internal sealed class WaterToSodiumProblem : ITransferProblem
{
    /// <summary>Creates the problem from resolved settings.</summary>
    public WaterToSodiumProblem(string name, PinnStudySettings settings)
    {
        Name = name;
        Settings = settings;

        // The sensor pool is drawn from the solid cell centres of the sodium reference grid, or is the measured
        // sensors' pool.
        MaxTargetSize = settings.Data?.SmallestPool ?? Math.Min(settings.PoolSize, HeatSinkSolver.Grid(settings.Target.Geometry, settings.GridCellsPerUnit).SolidCount);
        if (settings.Data is { } data)
        {
            Metrics =
            [
                new("rel_l2", "", true, data.Reference is null ? "relative L2 error of theta against a reference field (none given: NaN)" : "relative L2 error of theta against the measured reference field"),
                .. Metrics.Skip(1),
                new MetricInfo("sensor_rmse", data.Sensors.InKelvin ? "K" : "", true, data.Sensors.InKelvin ? "root mean squared error of the temperature at the held-out sensors" : "root mean squared error of theta at the held-out sensors"),
            ];
            Strategies = [.. Strategies, new PinnFvModel()];
        }
    }

    /// <summary>Resolved settings.</summary>
    public PinnStudySettings Settings { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"PINN of the fin/base cell: water (Bi {Settings.Source.Biot:G3}, fin {Settings.Source.Geometry.FinHeight:G3}) -> sodium (Bi {Settings.Target.Biot:G3}, fin {Settings.Target.Geometry.FinHeight:G3}); {(Settings.Data is { } d ? d.Describe() : "field error vs the finite-volume reference")}");

    /// <inheritdoc/>
    public string ScarcityAxis => "sodium temperature sensors";

    /// <inheritdoc/>
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("rel_l2", "", true, "relative L2 error of theta against the finite-volume reference"),
        new("peak_error", "%", true, "error of the peak temperature rise"),
        new("steps_to_target", "steps", true, "first evaluated step after which the field error stays at or below the target (NaN: it does not)"),
        new("first_steps_to_target", "steps", true, "first evaluated step whose field error is at or below the target, whatever came after (NaN: never)"),
        new("seconds_to_target", "s", true, "wall seconds until the field error reaches the target (varies run to run)", IsTiming: true),
        PhysicsResidualInfo,
    ];

    /// <summary>The label-free estimate of rel_l2 (ranked in the report's "Label-free selection" table).</summary>
    private static MetricInfo PhysicsResidualInfo { get; } = new(
        WaterToSodiumInstance.PhysicsResidualMetric, "", true,
        "label-free estimate of rel_l2: RMS residual of the sodium PDE and boundary conditions of the trained field at fresh collocation points (no sensor read; NaN for fv-model)",
        EstimateOf: "rel_l2");

    /// <inheritdoc />
    public CostClass CellCost(string strategy) => strategy == SensorDataSet.FvModelStrategy ? CostClass.Cheap : CostClass.Heavy; // every other strategy trains or evaluates a PINN

    /// <inheritdoc />
    public bool CachesSource => true;

    /// <inheritdoc/>
    public IReadOnlyList<IStrategy> Strategies { get; } =
    [
        new PinnSourceOnly(),
        new PinnScratch(),
        new PinnFineTune(),
        new PinnFineTuneHead(),
        new PinnDataOnly(),
        new PinnFineTuneLbfgs(),
        .. LossBalancers.Names.Where(n => n != "fixed").Select(n => new PinnFineTune(n)),

        // The generic fine-tuning strategies on the fine-tune loss (IEngineNetworkInstance). l2-sp's grid is narrowed
        // to three strengths because each candidate is a full PINN training (4 trainings per cell at n >= 8).
        new L2SpStrategy { Grid = [1e-3, 1e-2, 1e-1] },
        new BitFitStrategy(),
        new HeadOnlyStrategy(),
        new LoraStrategy(),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<int> DefaultSizes { get; } = [0, 4, 8, 16, 32, 64];

    /// <inheritdoc/>
    public int? MaxTargetSize { get; }

    /// <inheritdoc/>
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new WaterToSodiumInstance(this, context);
    }
}
