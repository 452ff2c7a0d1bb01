namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>How a Helmholtz PINN is trained (defaults: the paper's settings except the step count).</summary>
public sealed record HelmholtzTraining
{
    /// <summary>Loss balancing scheme (see <see cref="Pinn.Balancing.LossBalancers.Names"/>).</summary>
    public string Balancing { get; init; } = "fixed";

    /// <summary>Estimator of learning-rate annealing (default: the authors' code, see <see cref="Pinn.Balancing.LrAnnealingConvention"/>).</summary>
    public Pinn.Balancing.LrAnnealingConvention LrAnnealing { get; init; } = Pinn.Balancing.LrAnnealingConvention.Authors;

    /// <summary>
    /// True (default, the authors' code): inputs enter standardised by the mean and standard deviation of the uniform
    /// samples on [-1, 1] (0 and 1/sqrt(3)), i.e. x sqrt(3); false: unscaled.
    /// </summary>
    public bool StandardiseInputs { get; init; } = true;

    /// <summary>Hidden layer widths (the paper's Table 2 row "50 units / 3 hidden layers": [50, 50, 50]).</summary>
    public int[] Hidden { get; init; } = [50, 50, 50];

    /// <summary>Adam steps (the paper: 40,000).</summary>
    public int Steps { get; init; } = 40000;

    /// <summary>Interior points per step and boundary points per edge per step (the paper's mini-batch, 128).</summary>
    public int Batch { get; init; } = 128;

    /// <summary>Fresh random points every this many steps (1: a new mini-batch every step, as in the paper; 0: fixed points).</summary>
    public int ResampleEvery { get; init; } = 1;

    /// <summary>Adam learning rate at step 0 (the paper: 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The learning rate is multiplied by <see cref="DecayRate"/> every <see cref="DecaySteps"/> steps, continuously (the paper's code: 0.9 per 1000).</summary>
    public double DecayRate { get; init; } = 0.9;

    /// <summary>Steps per decay factor.</summary>
    public int DecaySteps { get; init; } = 1000;

    /// <summary>Error evaluation period in steps.</summary>
    public int EvalEvery { get; init; } = 100;

    /// <summary>Relative L2 error counted as reached.</summary>
    public double ErrorTarget { get; init; } = 0.1;

    /// <summary>Side of the uniform evaluation grid.</summary>
    public int GridSide { get; init; } = 101;
}
