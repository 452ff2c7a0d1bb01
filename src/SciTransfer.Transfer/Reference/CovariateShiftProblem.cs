using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Reference;

/// <summary>
/// reference/covariate-shift: a linear model (with intercept) under a controlled distribution shift whose kind is an
/// option, so the input-level domain-adaptation strategies have a known answer: importance weighting corrects a
/// covariate shift of a nonlinear truth, CORAL undoes an affine re-calibration of the features, and neither can help
/// under a label shift (where CORAL's alignment actively hurts). Closed-form strategies, like linear-shift.
/// </summary>
public sealed class CovariateShiftProblem : ITransferProblem
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "reference/covariate-shift";

    /// <summary>Creates the problem with its options.</summary>
    public CovariateShiftProblem(CovariateShiftOptions options)
    {
        Options = options;
    }

    /// <summary>The resolved options.</summary>
    public CovariateShiftOptions Options { get; }

    /// <inheritdoc />
    public string Name => ProblemName;

    /// <inheritdoc />
    public string Description => $"Linear model with intercept, d = {Options.Dimension}, {CovariateShiftOptions.KindName(Options.Kind)} shift of size {Options.Shift}; test RMSE of y";

    /// <inheritdoc />
    public string ScarcityAxis => "target samples";

    /// <inheritdoc />
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("rmse", "", true, "root mean squared error of y on the target test set"),
        new("mae", "", true, "mean absolute error of y on the target test set"),
        new("iw_source_rmse", "", true, "label-free estimate of rmse: importance-weighted RMSE on held-out labelled source data (no target labels; valid under covariate shift)", EstimateOf: "rmse"),
    ];

    /// <inheritdoc />
    public CostClass CellCost(string strategy) => CostClass.Cheap; // closed-form fits

    /// <inheritdoc />
    public IReadOnlyList<IStrategy> Strategies { get; } =
        [new LinearScratch(), new LinearSourceOnly(), new LinearFineTune(), new LinearOracle(), new CoralStrategy(), new ImportanceWeightingStrategy()];

    /// <inheritdoc />
    public IReadOnlyList<int> DefaultSizes { get; } = [0, 4, 8, 16, 32, 64, 128, 256];

    /// <inheritdoc />
    public int? MaxTargetSize => Options.PoolSize;

    /// <inheritdoc />
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CovariateShiftInstance.Generate(Options, context.Seeds);
    }
}

/// <summary>Options of <see cref="CovariateShiftProblem"/>.</summary>
/// <param name="Dimension">Number of features d.</param>
/// <param name="Kind">What moves between source and target.</param>
/// <param name="Shift">Size of the shift (a mean offset along a random direction u; also the log-scale spread of the re-calibration).</param>
/// <param name="Nonlinearity">kappa of the truth's quadratic term kappa (u.x)^2 (covariate and feature kinds).</param>
/// <param name="Noise">Label noise standard deviation.</param>
/// <param name="SourceSamples">Source training samples.</param>
/// <param name="PoolSize">Target pool size (largest n; its inputs are the unlabelled target).</param>
/// <param name="TestSize">Target test samples.</param>
/// <param name="ScratchRidge">Ridge strength of scratch and oracle.</param>
public sealed record CovariateShiftOptions(int Dimension, ShiftKind Kind, double Shift, double Nonlinearity, double Noise, int SourceSamples, int PoolSize, int TestSize, double ScratchRidge)
{
    /// <summary>The declared options.</summary>
    public static OptionSet Declared { get; } = new(
    [
        OptionSpec.Integer("dimension", 4, 1, 100, "number of features d"),
        OptionSpec.Choice("shift_kind", "covariate", ["covariate", "feature", "label"], "what moves: covariate = p(x) (importance weighting's case), feature = an affine re-calibration of x (CORAL's case), label = p(y) (neither's)"),
        OptionSpec.Number("shift", 1.5, 0, 10, "size of the shift: mean offset along a random direction (and log-scale spread of the feature re-calibration)"),
        OptionSpec.Number("nonlinearity", 0.5, 0, 10, "kappa of the truth's quadratic term kappa (u.x)^2, which a linear model cannot represent"),
        OptionSpec.Number("noise", 0.3, 0, 100, "label noise standard deviation"),
        OptionSpec.Integer("source_samples", 2000, 10, 1_000_000, "source training samples", quick: 1000),
        OptionSpec.Integer("pool_size", 256, 2, 1_000_000, "target pool size (the largest n; its inputs are the unlabelled target)"),
        OptionSpec.Integer("test_size", 2000, 1, 1_000_000, "target test samples", quick: 500),
        OptionSpec.Number("scratch_ridge", 1.0, 1e-12, 1e12, "ridge strength of scratch and oracle"),
    ]);

    /// <summary>The option value of <paramref name="kind"/>.</summary>
    public static string KindName(ShiftKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Reads validated values.</summary>
    public static CovariateShiftOptions From(ProblemOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var kind = Enum.GetValues<ShiftKind>().Single(k => KindName(k) == o.Text("shift_kind"));
        return new(o.Int("dimension"), kind, o.Number("shift"), o.Number("nonlinearity"), o.Number("noise"), o.Int("source_samples"), o.Int("pool_size"), o.Int("test_size"), o.Number("scratch_ridge"));
    }
}

/// <summary>Registers <see cref="CovariateShiftProblem"/>.</summary>
public sealed class CovariateShiftFactory : IProblemFactory
{
    /// <inheritdoc />
    public string Name => CovariateShiftProblem.ProblemName;

    /// <inheritdoc />
    public string Summary => "linear model under a covariate, feature re-calibration or label shift: where importance weighting and CORAL help, and where they cannot";

    /// <inheritdoc />
    public OptionSet Options => CovariateShiftOptions.Declared;

    /// <inheritdoc />
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings) => new CovariateShiftProblem(CovariateShiftOptions.From(options));
}
