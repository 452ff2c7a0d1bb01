using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>
/// Registers "pinn/helmholtz": the Helmholtz benchmark of Wang, Teng and Perdikaris (2021) trained from scratch
/// with each loss balancing scheme. Options are documented in docs/heat-sink.md.
/// </summary>
internal sealed class HelmholtzFactory : IProblemFactory
{
    /// <inheritdoc/>
    public string Name => HelmholtzProblem.ProblemName;

    /// <inheritdoc/>
    public string Summary => "PINN benchmark: 2-D Helmholtz (Wang, Teng and Perdikaris 2021, a1 = 1, a2 = 4), fixed weights vs each loss balancing scheme; relative L2 error vs the exact solution";

    /// <inheritdoc/>
    public OptionSet Options { get; } = new(
    [
        OptionSpec.Number("a1", 1, 0, 100, "wave number along x, in units of pi"),
        OptionSpec.Number("a2", 4, 0, 100, "wave number along y, in units of pi"),
        OptionSpec.Number("lambda", 1, -1e6, 1e6, "Helmholtz constant lambda (k^2)"),
        OptionSpec.IntegerList("hidden_layers", [50, 50, 50], 1, 1024, "hidden layer widths", quick: [20, 20]) with { NonEmpty = true },
        OptionSpec.Choice("lr_annealing", "authors", LrAnnealingConventions.Names, "estimator of lr-annealing: the authors' code (max|grad L_r| / mean|grad (lambda L_b)| over the weight matrices) or the paper text's ratio (max|grad L_r| / mean|grad L_b| over every parameter)"),
        OptionSpec.Choice("input_scaling", "standardise", ["standardise", "none"], "inputs standardised by the uniform samples' mean and standard deviation (x sqrt 3, the authors' code) or unscaled"),
        OptionSpec.Integer("steps", 40000, 1, 10000000, "Adam steps (the paper: 40,000)", "steps", quick: 300),
        OptionSpec.Integer("batch", 128, 1, 100000, "interior points, and points per edge, of each step's mini-batch", quick: 64),
        OptionSpec.Integer("resample_every", 1, 0, 10000000, "fresh random points every this many steps (0: fixed points; sa-pinn always keeps its points)", "steps"),
        OptionSpec.Number("learning_rate", 1e-3, 1e-7, 1, "Adam learning rate at step 0"),
        OptionSpec.Number("decay_rate", 0.9, 1e-3, 1, "learning-rate factor per decay_steps steps (continuous exponential decay)"),
        OptionSpec.Integer("decay_steps", 1000, 1, 10000000, "steps per decay_rate factor", "steps"),
        OptionSpec.Integer("eval_every", 100, 1, 10000000, "error evaluation period (steps_to_target)", "steps"),
        OptionSpec.Number("error_target", 0.1, 1e-9, 10, "relative L2 error counted as reached (steps_to_target)"),
        OptionSpec.Integer("grid", 101, 3, 2001, "side of the uniform evaluation grid over [-1, 1]^2", quick: 51),
    ]);

    /// <inheritdoc/>
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        var training = new HelmholtzTraining
        {
            Hidden = options.IntList("hidden_layers"),
            LrAnnealing = LrAnnealingConventions.Parse(options.Text("lr_annealing")),
            StandardiseInputs = options.Text("input_scaling") == "standardise",
            Steps = options.Int("steps"),
            Batch = options.Int("batch"),
            ResampleEvery = options.Int("resample_every"),
            LearningRate = options.Number("learning_rate"),
            DecayRate = options.Number("decay_rate"),
            DecaySteps = options.Int("decay_steps"),
            EvalEvery = options.Int("eval_every"),
            ErrorTarget = options.Number("error_target"),
            GridSide = options.Int("grid"),
        };
        return new HelmholtzProblem(new HelmholtzCase(options.Number("a1"), options.Number("a2"), options.Number("lambda")), training);
    }
}
