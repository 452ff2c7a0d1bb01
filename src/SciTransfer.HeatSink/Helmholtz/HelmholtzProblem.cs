using System.Globalization;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>
/// "pinn/helmholtz": not a transfer pair but a benchmark of the loss balancing schemes with published numbers. Each
/// strategy is one scheme training a fresh PINN from scratch; there is no target data (n = 0 only).
/// </summary>
internal sealed class HelmholtzProblem : ITransferProblem
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "pinn/helmholtz";

    /// <summary>Creates the problem.</summary>
    public HelmholtzProblem(HelmholtzCase problem, HelmholtzTraining training)
    {
        Case = problem;
        Training = training;
    }

    /// <summary>The equation.</summary>
    public HelmholtzCase Case { get; }

    /// <summary>Training settings (the scheme is set per strategy).</summary>
    public HelmholtzTraining Training { get; }

    /// <inheritdoc/>
    public string Name => ProblemName;

    /// <inheritdoc/>
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"PINN of lap u + {Case.Lambda:G3} u = q on [-1,1]^2, u = sin({Case.A1:G3} pi x) sin({Case.A2:G3} pi y), Dirichlet; [{string.Join(", ", Training.Hidden)}] tanh, {Training.Steps} Adam steps, batch {Training.Batch}; one strategy per balancing scheme");

    /// <inheritdoc/>
    public string ScarcityAxis => "target data (none: a physics-only benchmark)";

    /// <inheritdoc/>
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("rel_l2", "", true, "relative L2 error of u against the exact solution on a uniform grid"),
        new("steps_to_target", "steps", true, "first evaluated step after which rel_l2 stays at or below error_target (NaN: it does not)"),
        new("first_steps_to_target", "steps", true, "first evaluated step with rel_l2 at or below error_target, whatever came after (NaN: never)"),
        new("boundary_weight", "", true, "final weight of the boundary term over the PDE term's (for fixed weights: 1)", IsDiagnostic: true),
        new("seconds_to_target", "s", true, "wall seconds until steps_to_target (varies run to run)", IsTiming: true),
    ];

    /// <inheritdoc/>
    public CostClass CellCost(string strategy) => CostClass.Heavy;

    /// <inheritdoc/>
    public IReadOnlyList<IStrategy> Strategies { get; } = [.. LossBalancers.Names.Select(n => new HelmholtzStrategy(n))];

    /// <inheritdoc/>
    public IReadOnlyList<int> DefaultSizes { get; } = [0];

    /// <inheritdoc/>
    public int? MaxTargetSize => 0;

    /// <inheritdoc/>
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new HelmholtzInstance(this);
    }
}
