namespace SciTransfer.HeatSink.Pinn;

/// <summary>How a PINN is trained (all counts per run).</summary>
public sealed record PinnTrainingOptions
{
    /// <summary>Adam steps.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Learning rate at the last Adam step as a fraction of the first (exponential decay; 1 = constant).</summary>
    public double LearningRateDecay { get; init; } = 1.0;

    /// <summary>Loss balancing scheme (see <see cref="Balancing.LossBalancers.Names"/>).</summary>
    public string Balancing { get; init; } = "fixed";

    /// <summary>Estimator of learning-rate annealing (default: the authors' code; see <see cref="Pinn.Balancing.LrAnnealingConvention"/>).</summary>
    public Pinn.Balancing.LrAnnealingConvention LrAnnealing { get; init; } = Pinn.Balancing.LrAnnealingConvention.Authors;

    /// <summary>Interior collocation points.</summary>
    public int InteriorPoints { get; init; } = 512;

    /// <summary>Points per boundary kind (base, symmetry, wetted).</summary>
    public int BoundaryPoints { get; init; } = 96;

    /// <summary>Residual-adaptive resampling period in steps (0: fixed uniform points).</summary>
    public int ResampleEvery { get; init; }

    /// <summary>Period in steps of drawing fresh uniform points for every physics term (0: off; takes precedence over <see cref="ResampleEvery"/> on steps where both fall).</summary>
    public int FreshPointsEvery { get; init; }

    /// <summary>Period in steps of re-estimating the corner coefficient c of an enriched network from its own field (<see cref="CornerCoefficient"/>; 0: never).</summary>
    public int CornerEstimateEvery { get; init; }

    /// <summary>Radius (units of l) of the circle on which c is estimated.</summary>
    public double CornerEstimateRadius { get; init; } = 0.2;

    /// <summary>
    /// Estimate c by the reciprocity integral (<see cref="CornerCoefficient.Reciprocal"/>, arc radius
    /// <see cref="CornerEstimateRadius"/>) instead of the extrapolated projection (<see cref="CornerCoefficient.Estimate"/>).
    /// </summary>
    public bool CornerReciprocal { get; init; }

    /// <summary>Whether Adam (and L-BFGS) also train c of an enriched network (false: c moves only by estimation).</summary>
    public bool CornerTrainable { get; init; }

    /// <summary>Share of resampled interior points taken where the PDE residual is largest (rest uniform).</summary>
    public double AdaptiveFraction { get; init; } = 0.5;

    /// <summary>L-BFGS iterations after Adam (0: none).</summary>
    public int LbfgsSteps { get; init; }

    /// <summary>Leading linear layers whose parameters stay fixed (transfer: the fine-tune-head strategy).</summary>
    public int FrozenLayers { get; init; }

    /// <summary>Error evaluation period (steps) for steps-to-target.</summary>
    public int EvalEvery { get; init; } = 10;

    /// <summary>Relative L2 error counted as "reached".</summary>
    public double ErrorTarget { get; init; } = 0.05;

    /// <summary>Stop as soon as the target is reached (saves time in studies that only need steps-to-target).</summary>
    public bool StopAtTarget { get; init; }
}
