using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>
/// <c>epidemiology/small-area-growth</c>: forecast 7-day-ahead log active cases of small counties that have
/// only N days of history (the scarcity axis), with all other counties' full histories as the source.
/// </summary>
public sealed class SmallAreaGrowthProblem : ITransferProblem
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "epidemiology/small-area-growth";

    /// <summary>Every strategy this problem runs.</summary>
    public static readonly IReadOnlyList<string> AllStrategies =
        ["scratch", "source-only", "tlrf", "oracle", "ols-w2", "ols-w7", "ols-w14", "per-county-rf", "relabel", "ser", "strut", "mix"];

    /// <summary>Creates the problem with resolved settings.</summary>
    public SmallAreaGrowthProblem(SmallAreaGrowthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The resolved settings.</summary>
    public SmallAreaGrowthSettings Settings { get; }

    /// <inheritdoc />
    public string Name => ProblemName;

    /// <inheritdoc />
    public string Description =>
        "simulated counties: small target counties with N days of history vs all other counties (source); 7-day-ahead log active cases";

    /// <inheritdoc />
    public string ScarcityAxis => "days of history (target counties)";

    /// <inheritdoc />
    public IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new("mae", "log cases", true, "MAE of 7-day-ahead log rolled active cases, median over forecast days"),
        new("rmse", "log cases", true, "RMSE of 7-day-ahead log rolled active cases, median over forecast days"),
        new("growth_error", "1/day", true, "MAE of the growth rate against the simulator's true growth, median over forecast days"),
    ];

    /// <inheritdoc />
    public IReadOnlyList<string> Strategies => AllStrategies;

    /// <inheritdoc />
    public IReadOnlyList<int> DefaultSizes { get; } = [3, 5, 7, 10, 14, 21, 28];

    /// <inheritdoc />
    public ProblemInstance Create(ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SmallAreaGrowthInstance(Settings, context.Seeds, context.Repeat);
    }

    /// <summary>Factory reading the config options.</summary>
    public sealed class Factory : IProblemFactory
    {
        /// <inheritdoc />
        public string Name => ProblemName;

        /// <inheritdoc />
        public ITransferProblem Create(OptionsReader options, ProblemSettings settings)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(settings);
            bool quick = settings.Quick;
            int counties = options.GetInt("counties", quick ? 60 : 150, 10, 2000);
            int days = options.GetInt("days", quick ? 200 : 300, 80, 1200);
            int states = options.GetInt("states", quick ? 5 : 8, 1, 80);
            int targets = options.GetInt("target-counties", quick ? 12 : 20, 1, counties / 2);
            int forecastDays = options.GetInt("forecast-days", quick ? 4 : 6, 1, 100);
            int firstOrigin = options.GetInt("first-origin", quick ? 110 : 120, 30, days - 9);
            int block = options.GetInt("growth-block", 2, 1, 14);
            int trees = options.GetInt("trees", quick ? 30 : 100, 1, 2000);
            double maxFeatures = options.GetDouble("max-features", 0.33, 0.01, 1.0);
            int minLeaf = options.GetInt("min-samples-leaf", 5, 1, 1000);
            double sampleFraction = options.GetDouble("sample-fraction", 0.5, 0.05, 1.0);
            double r0 = options.GetDouble("r0", 2.4, 0.5, 10);
            if (quick)
            {
                // A smoke run shrinks even explicit settings (the quick defaults above are also the caps).
                counties = Math.Min(counties, 60);
                days = Math.Min(days, 200);
                targets = Math.Min(targets, Math.Min(12, counties / 2));
                forecastDays = Math.Min(forecastDays, 4);
                firstOrigin = Math.Min(firstOrigin, days - 90);
                trees = Math.Min(trees, 30);
            }

            var s = new SmallAreaGrowthSettings
            {
                Simulator = new SimulatorOptions { Counties = counties, Days = days, States = states, R0 = r0 },
                TargetCounties = targets,
                ForecastDays = forecastDays,
                FirstOrigin = firstOrigin,
                GrowthBlock = block,
                Forest = new()
                {
                    Trees = trees,
                    MaxFeatures = maxFeatures,
                    MinSamplesLeaf = minLeaf,
                    Sampling = SamplingScheme.Subsample,
                    SampleFraction = sampleFraction,
                },
            };
            return new SmallAreaGrowthProblem(s);
        }
    }
}
