using SciTransfer.Core.Random;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Data;
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

    /// <summary>Creates the problem with its options, on generated data.</summary>
    public LinearShiftProblem(LinearShiftOptions options)
    {
        Options = options;
    }

    /// <summary>Creates the problem on a user's source and target tables, split by <paramref name="split"/>.</summary>
    public LinearShiftProblem(LinearShiftOptions options, RegressionTable source, RegressionTable target, SplitSpec split)
        : this(options with { Dimension = source.Dimension })
    {
        Tables = (source, target, split);
    }

    /// <summary>The user's tables and split, or null for generated data.</summary>
    public (RegressionTable Source, RegressionTable Target, SplitSpec Split)? Tables { get; }

    /// <summary>The resolved options.</summary>
    public LinearShiftOptions Options { get; }

    /// <inheritdoc />
    public string Name => ProblemName;

    /// <inheritdoc />
    public string Description => Tables is { } t
        ? $"Linear regression on {Path.GetFileName(t.Source.File)} -> {Path.GetFileName(t.Target.File)}, d = {Options.Dimension}, {SplitSpec.Name(t.Split.Kind)} split; test RMSE of y"
        : $"Linear-Gaussian regression, d = {Options.Dimension}, target weights shifted by {Options.Shift} x ||w_s||; test RMSE of y";

    /// <inheritdoc />
    public string ScarcityAxis => "target samples";

    /// <inheritdoc />
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("rmse", "", true, "root mean squared error of y on the target test set (noise floor = noise std)"),
        new("mae", "", true, "mean absolute error of y on the target test set"),
    ];

    /// <inheritdoc />
    public CostClass CellCost(string strategy) => CostClass.Cheap; // closed-form fits

    /// <inheritdoc />
    public IReadOnlyList<IStrategy> Strategies { get; } = [new LinearScratch(), new LinearSourceOnly(), new LinearFineTune(), new LinearOracle(), new CoralStrategy(), new ImportanceWeightingStrategy()];

    /// <inheritdoc />
    public IReadOnlyList<int> DefaultSizes { get; } = [4, 8, 16, 32, 64, 128, 256];

    /// <inheritdoc />
    public int? MaxTargetSize => Tables is { } t ? PoolSizeOf(t.Target, t.Split) : Options.PoolSize;

    /// <inheritdoc />
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Tables is { } t
            ? LinearShiftInstance.FromTables(Options, t.Source, t.Target, t.Split, context.Seeds)
            : LinearShiftInstance.Generate(Options, context.Seeds);
    }

    /// <summary>The smallest pool any repeat gets under the split.</summary>
    private static int PoolSizeOf(RegressionTable target, SplitSpec split) =>
        split is GroupSplit g
            ? g.SmallestPool(target.Records)
            : split.Assign(target.Records, new SeedTree(0)).Count(r => r == SplitRole.Pool);
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
    public DataSpec Data { get; } = new(
        [
            new DataFileSpec("source", "source regression table: columns x1..xd and y, optional id, group, time"),
            new DataFileSpec("target", "target regression table, same columns; the split divides it into pool and test"),
        ],
        [SplitKind.Random, SplitKind.Group, SplitKind.Time, SplitKind.Explicit],
        SplitRequired: true,
        Doc: "your own source and target tables instead of generated data (dimension, shift, noise and the sizes are then ignored)");

    /// <inheritdoc />
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = LinearShiftOptions.From(options);
        if (options.Data is not { } data)
        {
            return new LinearShiftProblem(o);
        }

        var source = RegressionTable.Read(data.File("source"));
        var target = RegressionTable.Read(data.File("target"));
        if (source.Dimension != target.Dimension)
        {
            throw data.Error("files.target", $"has {target.Dimension} feature columns, the source table has {source.Dimension}");
        }

        return new LinearShiftProblem(o, source, target, data.Split!);
    }
}
