using System.Globalization;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>Registers <see cref="SmallAreaGrowthProblem"/>: declared options and how they become <see cref="SmallAreaGrowthSettings"/>.</summary>
public sealed class SmallAreaGrowthFactory : IProblemFactory
{
    // Under --quick, explicit values are capped at the quick defaults too (a smoke run shrinks whatever the config says).
    private const int QuickCounties = 60, QuickDays = 200, QuickTargets = 12, QuickForecastDays = 4, QuickTrees = 30, QuickOriginMargin = 90;

    /// <summary>The declared options (hyphenated names, as in the experiment configs).</summary>
    public static OptionSet Declared { get; } = new(
    [
        OptionSpec.Integer("counties", 150, 10, 2000, "simulated counties (quick mode caps explicit values at 60 too)", quick: QuickCounties),
        OptionSpec.Integer("days", 300, 80, 1200, "simulated days (quick mode caps at 200)", "d", quick: QuickDays),
        OptionSpec.Integer("states", 8, 1, 80, "states the counties are grouped into (policy, testing and variant timelines)", quick: 5),
        OptionSpec.Integer("target-counties", 20, 1, 1000, "small target counties per repeat, at most counties / 2 (quick mode caps at 12)", quick: QuickTargets),
        OptionSpec.Integer("forecast-days", 6, 1, 100, "forecast origins, evenly spaced from first-origin to days - 8 (quick mode caps at 4)", quick: QuickForecastDays),
        OptionSpec.Integer("first-origin", 120, 30, 1191, "earliest forecast origin (day index), at most days - 9 (quick mode caps at days - 90)", "d", quick: 110),
        OptionSpec.Integer("growth-block", 2, 1, 14, "growth target block h: y = (ln I(s+h) - ln I(s)) / h", "d"),
        OptionSpec.Integer("trees", 100, 1, 2000, "trees of every forest (quick mode caps at 30)", quick: QuickTrees),
        OptionSpec.Number("max-features", 0.33, 0.01, 1.0, "fraction of the features tried at each split"),
        OptionSpec.Integer("min-samples-leaf", 5, 1, 1000, "smallest leaf (distinct rows)"),
        OptionSpec.Number("sample-fraction", 0.5, 0.05, 1.0, "fraction of the rows each tree subsamples (without replacement)"),
        OptionSpec.Number("r0", 2.4, 0.5, 10, "basic reproduction number of the simulated outbreak"),
    ]);

    /// <inheritdoc />
    public string Name => SmallAreaGrowthProblem.ProblemName;

    /// <inheritdoc />
    public string Summary => "small counties with N days of history vs all other counties' full histories: TLRF, fixed-window OLS and transfer trees on a simulated outbreak";

    /// <inheritdoc />
    public OptionSet Options => Declared;

    /// <inheritdoc />
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        return new SmallAreaGrowthProblem(Settings(options, settings.Quick));
    }

    /// <summary>The resolved settings of validated <paramref name="options"/> (quick mode caps explicit values).</summary>
    public static SmallAreaGrowthSettings Settings(ProblemOptions options, bool quick)
    {
        ArgumentNullException.ThrowIfNull(options);
        int counties = options.Int("counties");
        int days = options.Int("days");
        int states = options.Int("states");
        int targets = options.Int("target-counties");
        if (targets > counties / 2)
        {
            throw options.Error("target-counties", string.Create(CultureInfo.InvariantCulture, $"must be in 1..{counties / 2} (at most counties / 2), found {targets}"));
        }

        int forecastDays = options.Int("forecast-days");
        int firstOrigin = options.Int("first-origin");
        if (firstOrigin > days - 9)
        {
            throw options.Error("first-origin", string.Create(CultureInfo.InvariantCulture, $"must be in 30..{days - 9} (at most days - 9), found {firstOrigin}"));
        }

        int block = options.Int("growth-block");
        int trees = options.Int("trees");
        double maxFeatures = options.Number("max-features");
        int minLeaf = options.Int("min-samples-leaf");
        double sampleFraction = options.Number("sample-fraction");
        double r0 = options.Number("r0");
        if (quick)
        {
            counties = Math.Min(counties, QuickCounties);
            days = Math.Min(days, QuickDays);
            targets = Math.Min(targets, Math.Min(QuickTargets, counties / 2));
            forecastDays = Math.Min(forecastDays, QuickForecastDays);
            firstOrigin = Math.Min(firstOrigin, days - QuickOriginMargin);
            trees = Math.Min(trees, QuickTrees);
        }

        return new SmallAreaGrowthSettings
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
    }
}
