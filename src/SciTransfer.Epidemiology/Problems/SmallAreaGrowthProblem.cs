using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Epidemiology.TreeAdaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>
/// <c>epidemiology/small-area-growth</c>: forecast 7-day-ahead log active cases of small counties that have
/// only N days of history (the scarcity axis), with all other counties' full histories as the source.
/// </summary>
public sealed class SmallAreaGrowthProblem : ITransferProblem
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "epidemiology/small-area-growth";

    /// <summary>Creates the problem with resolved settings.</summary>
    public SmallAreaGrowthProblem(SmallAreaGrowthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Metrics =
        [
            new("mae", "log cases", true, "MAE of 7-day-ahead log rolled active cases, median over forecast days"),
            new("rmse", "log cases", true, "RMSE of 7-day-ahead log rolled active cases, median over forecast days"),
            settings.Data is null
                ? new("growth_error", "1/day", true, "MAE of the growth rate against the simulator's true growth, median over forecast days")
                : new("growth_error", "1/day", true, "MAE of the growth rate against the realised growth (OLS slope of ln I over the 7 days after the origin; real data has no true growth), median over forecast days"),
            .. settings.SourceValidationFraction > 0
                ? [new MetricInfo(
                    SourceValidation.MetricName, "log cases", true,
                    "label-free estimate of rmse: importance-weighted RMSE of 7-day-ahead log active cases of held-out source counties, the strategy re-trained without them, weights p_target(x)/p_source(x) from the target counties' unlabelled feature rows, median over forecast days (NaN for per-county baselines and the oracle)",
                    EstimateOf: "rmse")]
                : Array.Empty<MetricInfo>(),
        ];
    }

    /// <summary>The resolved settings.</summary>
    public SmallAreaGrowthSettings Settings { get; }

    /// <inheritdoc />
    public string Name => ProblemName;

    /// <inheritdoc />
    public string Description => Settings.Data is null
        ? "simulated counties: small target counties with N days of history vs all other counties (source); 7-day-ahead log active cases"
        : "county case files: small target counties with N days of history vs all other counties (source); 7-day-ahead log active cases scored against the realised counts; loaded: " + Settings.Data.LoadNote;

    /// <inheritdoc />
    public string ScarcityAxis => "days of history (target counties)";

    /// <inheritdoc />
    public IReadOnlyList<MetricInfo> Metrics { get; }

    /// <inheritdoc />
    public CostClass CellCost(string strategy) => strategy.StartsWith("ols-", StringComparison.Ordinal) ? CostClass.Cheap : CostClass.Moderate; // OLS windows vs forests

    /// <inheritdoc />
    public IReadOnlyList<IStrategy> Strategies { get; } =
    [
        new ScratchForest(),
        new SourceOnlyForest(),
        new Tlrf(),
        new OracleTlrf(),
        new FixedWindowOls(2),
        new FixedWindowOls(3),
        new FixedWindowOls(4),
        new FixedWindowOls(5),
        new FixedWindowOls(6),
        new FixedWindowOls(7),
        new FixedWindowOls(14),
        new PerCountyForest(),
        new TransferTreeForest(TreeTransferMethod.Relabel),
        new TransferTreeForest(TreeTransferMethod.Ser),
        new TransferTreeForest(TreeTransferMethod.Strut),
        new TransferTreeForest(TreeTransferMethod.Mix),
        new CoralForest(),
        new ImportanceWeightedForest(),
    ];

    /// <inheritdoc />
    public IReadOnlyList<int> DefaultSizes { get; } = [3, 5, 7, 10, 14, 21, 28];

    /// <summary>Null: n is days of target history, which no pool bounds (a window longer than the series shows all of it).</summary>
    public int? MaxTargetSize => null;

    /// <inheritdoc />
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SmallAreaGrowthInstance(Settings, context.Seeds, context.Repeat);
    }
}
