using System.Globalization;
using SciTransfer.Epidemiology.Data;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Transfer.Data;
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
        OptionSpec.Boolean("honest", false, "honest forests (grf's default): splits from one half of each tree's subsample, leaf values from the other"),
        OptionSpec.Number("r0", 2.4, 0.5, 10, "basic reproduction number of the simulated outbreak"),
        OptionSpec.Number("source_validation_fraction", 0, 0, 0.5, "fraction of the source counties held out (seeded per repeat) for the label-free metric iw_source_rmse; 0 = off (each cell then trains its strategy a second time without them)"),
        OptionSpec.Choice("small_area_by", "population", ["population", "cases"], "county files: small areas chosen by population (population file or a population covariate) or by cumulative cases at the first origin"),
        OptionSpec.Number("small_area_threshold", null, 0, 1e12, "county files: counties whose small_area_by value is at most this are small areas (absent: the smaller half)") with { Optional = true },
        OptionSpec.Text("origin_from", null, "county files: first forecast origin, yyyy-MM-dd (absent: the file's first date + first-origin days)") with { Optional = true },
        OptionSpec.Text("origin_to", null, "county files: last forecast origin, yyyy-MM-dd (absent: 8 days before the file's last date)") with { Optional = true },
        OptionSpec.Choice("rows_without_fips", "skip", ["skip", "error"], "county files: rows with an empty fips (NYT: New York City, Unknown) are skipped (counted in run.json) or an error"),
        OptionSpec.Choice("negative_increments", "backward-min", ["backward-min", "forward-max", "error"], "county files: a falling cumulative count (a correction) lowers earlier days (backward-min), is held at the earlier maximum (forward-max) or is an error"),
        OptionSpec.Choice("missing_covariates", "error", ["error", "median", "drop-county"], "county files: a county without a covariate or population value is an error, gets the column median, or is left out"),
    ]);

    // Options that only mean something for generated data, and only for county files.
    private static readonly string[] SimulatorOnly = ["counties", "days", "states", "r0"];
    private static readonly string[] FilesOnly = ["small_area_by", "small_area_threshold", "origin_from", "origin_to", "rows_without_fips", "negative_increments", "missing_covariates"];

    /// <summary>The files of the <c>"data"</c> block (docs/epidemiology.md, "Your own data").</summary>
    public static DataSpec DataFiles { get; } = new(
        [
            new DataFileSpec(CountyFileOptions.CasesKey, "NYT layout: date,county,state,fips,cases,deaths (cumulative counts, one row per county-day)"),
            new DataFileSpec(CountyFileOptions.CovariatesKey, "fips plus numeric columns (one row per county; empty = missing)", Required: false),
            new DataFileSpec(CountyFileOptions.PopulationKey, "fips,population (people)", Required: false),
        ],
        [SplitKind.Group],
        Doc: "target counties = small areas (drawn per repeat, or a group split on fips: its test counties); source = every other county");

    /// <inheritdoc />
    public string Name => SmallAreaGrowthProblem.ProblemName;

    /// <inheritdoc />
    public string Summary => "small counties with N days of history vs all other counties' full histories: TLRF, fixed-window OLS and transfer trees on a simulated outbreak or the user's county case files";

    /// <inheritdoc />
    public OptionSet Options => Declared;

    /// <inheritdoc />
    public DataSpec? Data => DataFiles;

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
        if (options.Data is null && targets > counties / 2)
        {
            throw options.Error("target-counties", string.Create(CultureInfo.InvariantCulture, $"must be in 1..{counties / 2} (at most counties / 2), found {targets}"));
        }

        // A value other than the default means the user expects an effect that this data mode cannot give
        // (defaults are fine: `init` writes every option out).
        foreach (string name in options.Data is null ? FilesOnly : SimulatorOnly)
        {
            if (options.Given(name) && !IsDefault(options, name))
            {
                throw options.Error(name, options.Data is null
                    ? "applies to county files only; add a data block (data.files.cases) or remove it"
                    : "applies to the simulated outbreak only; with a data block the counties and days come from the files");
            }
        }

        int forecastDays = options.Int("forecast-days");
        int firstOrigin = options.Int("first-origin");
        if (options.Data is null && firstOrigin > days - 9)
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
            firstOrigin = options.Data is null ? Math.Min(firstOrigin, days - QuickOriginMargin) : firstOrigin;
            trees = Math.Min(trees, QuickTrees);
        }

        var data = options.Data is { } dataBlock ? CountyFileData.Load(dataBlock, FileOptions(options, firstOrigin, forecastDays), options.Error) : null;
        return new SmallAreaGrowthSettings
        {
            Data = data,
            Simulator = new SimulatorOptions { Counties = counties, Days = days, States = states, R0 = r0 },
            TargetCounties = targets,
            ForecastDays = forecastDays,
            FirstOrigin = firstOrigin,
            GrowthBlock = block,
            SourceValidationFraction = options.Number("source_validation_fraction"),
            Forest = new()
            {
                Trees = trees,
                MaxFeatures = maxFeatures,
                MinSamplesLeaf = minLeaf,
                Sampling = SamplingScheme.Subsample,
                SampleFraction = sampleFraction,
                Honest = options.Bool("honest"),
            },
        };
    }

    private static bool IsDefault(ProblemOptions options, string name)
    {
        var spec = Declared.Find(name)!;
        object? value = spec.Kind switch
        {
            OptionKind.Integer => options.Int(name),
            OptionKind.Number => options.Has(name) ? options.Number(name) : null,
            _ => options.TextOrNull(name),
        };
        return Equals(value, spec.Default) || Equals(value, spec.QuickDefault);
    }

    private static CountyFileOptions FileOptions(ProblemOptions options, int firstOrigin, int forecastDays) => new()
    {
        Loader = new NytLoadOptions
        {
            RowsWithoutFips = options.Text("rows_without_fips") == "error" ? RowsWithoutFips.Error : RowsWithoutFips.Skip,
            NegativeIncrements = options.Text("negative_increments") switch
            {
                "forward-max" => NegativeIncrements.ForwardMax,
                "error" => NegativeIncrements.Error,
                _ => NegativeIncrements.BackwardMin,
            },
        },
        Missing = options.Text("missing_covariates") switch
        {
            "median" => MissingCovariates.Median,
            "drop-county" => MissingCovariates.DropCounty,
            _ => MissingCovariates.Error,
        },
        SmallAreaBy = options.Text("small_area_by"),
        SmallAreaThreshold = options.Has("small_area_threshold") ? options.Number("small_area_threshold") : null,
        OriginFrom = options.TextOrNull("origin_from"),
        OriginTo = options.TextOrNull("origin_to"),
        FirstOrigin = firstOrigin,
        ForecastDays = forecastDays,
    };
}
