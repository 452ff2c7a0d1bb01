using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Reference;

/// <summary>
/// reference/linear-shift: source and target are linear-Gaussian regressions y = w.x + noise whose true
/// weights differ by a controlled relative shift, ||w_t - w_s|| = shift * ||w_s||. Closed-form strategies,
/// so its curves have known shapes: transfer wins at small n, the gap closes as n grows, and a large
/// shift makes the source model worse than scratch (negative transfer).
/// </summary>
public sealed class LinearShiftProblem : ITransferProblem
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "reference/linear-shift";

    /// <summary>Creates the problem with its options.</summary>
    public LinearShiftProblem(LinearShiftOptions options)
    {
        Options = options;
    }

    /// <summary>The resolved options.</summary>
    public LinearShiftOptions Options { get; }

    /// <inheritdoc />
    public string Name => ProblemName;

    /// <inheritdoc />
    public string Description =>
        $"Linear-Gaussian regression, d = {Options.Dimension}, target weights shifted by {Options.Shift} x ||w_s||; test RMSE of y";

    /// <inheritdoc />
    public string ScarcityAxis => "target samples";

    /// <inheritdoc />
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("rmse", "", true, "root mean squared error of y on the target test set (noise floor = noise std)"),
        new("mae", "", true, "mean absolute error of y on the target test set"),
    ];

    /// <inheritdoc />
    public IReadOnlyList<IStrategy> Strategies { get; } = [new LinearScratch(), new LinearSourceOnly(), new LinearFineTune(), new LinearOracle()];

    /// <inheritdoc />
    public IReadOnlyList<int> DefaultSizes { get; } = [4, 8, 16, 32, 64, 128, 256];

    /// <inheritdoc />
    public int? MaxTargetSize => Options.PoolSize;

    /// <inheritdoc />
    public ProblemInstance Create(ProblemContext context) => LinearShiftInstance.Generate(Options, context.Seeds);
}

/// <summary>Options of <see cref="LinearShiftProblem"/>.</summary>
/// <param name="Dimension">Number of features d.</param>
/// <param name="Shift">Relative weight shift ||w_t - w_s|| / ||w_s||.</param>
/// <param name="Noise">Observation noise standard deviation.</param>
/// <param name="SourceSamples">Source training samples.</param>
/// <param name="PoolSize">Target pool size (largest n).</param>
/// <param name="TestSize">Target test samples.</param>
/// <param name="ScratchRidge">Ridge strength of scratch and oracle.</param>
public sealed record LinearShiftOptions(int Dimension, double Shift, double Noise, int SourceSamples, int PoolSize, int TestSize, double ScratchRidge)
{
    /// <summary>The declared options.</summary>
    public static OptionSet Declared { get; } = new(
    [
        OptionSpec.Integer("dimension", 20, 1, 500, "number of features d"),
        OptionSpec.Number("shift", 0.3, 0, 100, "relative weight shift ||w_t - w_s|| / ||w_s||"),
        OptionSpec.Number("noise", 0.5, 0, 100, "observation noise standard deviation (the RMSE floor)"),
        OptionSpec.Integer("source_samples", 2000, 2, 1_000_000, "source training samples", quick: 500),
        OptionSpec.Integer("pool_size", 256, 1, 1_000_000, "target pool size (the largest n)"),
        OptionSpec.Integer("test_size", 2000, 1, 1_000_000, "target test samples", quick: 500),
        OptionSpec.Number("scratch_ridge", 1.0, 1e-12, 1e12, "ridge strength of scratch and oracle"),
    ]);

    /// <summary>Reads validated values.</summary>
    public static LinearShiftOptions From(ProblemOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Int("dimension"), o.Number("shift"), o.Number("noise"), o.Int("source_samples"), o.Int("pool_size"), o.Int("test_size"), o.Number("scratch_ridge"));
    }
}

/// <summary>Registers <see cref="LinearShiftProblem"/>.</summary>
public sealed class LinearShiftFactory : IProblemFactory
{
    /// <inheritdoc />
    public string Name => LinearShiftProblem.ProblemName;

    /// <inheritdoc />
    public string Summary => "linear-Gaussian regression whose target weights are a controlled shift of the source's (closed-form strategies, known curve shapes)";

    /// <inheritdoc />
    public OptionSet Options => LinearShiftOptions.Declared;

    /// <inheritdoc />
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings) =>
        new LinearShiftProblem(LinearShiftOptions.From(options));
}
