using SciTransfer.Core.Random;
using SciTransfer.Core.Statistics;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>
/// One repeat of <c>epidemiology/small-area-growth</c>: a simulated outbreak, the small target counties and the
/// forecast origins. At origin t a target county shows only days [t - N + 1, t] (N = the cell's n_target);
/// source counties show every day up to t. Read-only after construction.
/// </summary>
public sealed class SmallAreaGrowthInstance : ProblemInstance<SourceForests>
{
    private readonly SmallAreaGrowthSettings _settings;
    private readonly int[] _origins;
    private readonly GrowthRows[] _sourceRows;
    private readonly Lazy<double[][]> _oracle;
    private readonly int _repeat;

    /// <summary>History length (days) whose cells of repeat 0 draw the forecast figure.</summary>
    public const int FigureHistoryDays = 7;

    /// <summary>Simulates the outbreak (or takes the county files' panel) and picks the target counties from <paramref name="seeds"/>.</summary>
    public SmallAreaGrowthInstance(SmallAreaGrowthSettings settings, SeedTree seeds, int repeat = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(seeds);
        _settings = settings;
        _repeat = repeat;
        bool[] isTarget;
        _origins = settings.Origins();
        if (settings.Data is { } data)
        {
            // The user's counties: the same panel every repeat; the targets (or the split's draw) vary by repeat.
            Panel = data.Panel;
            (int[] targets, isTarget) = data.Roles(settings.TargetCounties, seeds.Child("split"), seeds.Child("targets").CreateRng());
            Targets = targets;
        }
        else
        {
            Outbreak = OutbreakSimulator.Simulate(settings.Simulator, seeds.Child("simulator"));
            Panel = CasePanel.FromSimulation(Outbreak);
            Targets = PickTargets(seeds.Child("targets").CreateRng());
            isTarget = new bool[Panel.Counties];
            foreach (int c in Targets)
            {
                isTarget[c] = true;
            }
        }

        Features = new GrowthFeatures(Panel, settings.GrowthBlock);

        _sourceRows = BuildSourceRows(isTarget);
        HeldOutCounties = [];
        if (settings.SourceValidationFraction > 0)
        {
            // Held-out source counties for the label-free metric: their own seed child, so no other draw changes, and
            // only the validation view trains without them (the scored run keeps every source county).
            var source = Enumerable.Range(0, Panel.Counties).Where(c => !isTarget[c]).ToArray();
            seeds.Child("source-validation").CreateRng().Shuffle<int>(source);
            int count = Math.Clamp((int)Math.Round(settings.SourceValidationFraction * source.Length), 1, Math.Max(1, source.Length - 1));
            int[] heldOut = [.. source.Take(count).Order()];
            HeldOutCounties = heldOut;
            var excluded = (bool[])isTarget.Clone();
            foreach (int c in heldOut)
            {
                excluded[c] = true;
            }

            var viewSeeds = seeds.Child("source-validation");
            _validationView = new Lazy<SmallAreaGrowthInstance>(() => new SmallAreaGrowthInstance(this, excluded, heldOut, viewSeeds), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        // The oracle sees every target day, so its forecasts do not depend on N: fit once per repeat, on first use.
        var oracleSeeds = seeds.Child(StrategyNames.Oracle);
        _oracle = new Lazy<double[][]>(
            () => [.. Enumerable.Range(0, _origins.Length).Select(k => PredictPooled(new GrowthWindow(k, _origins[k], 0, oracleSeeds.Child("origin").Child(k))))],
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    // The validation view of a parent repeat: the same panel, targets and origins, source rows without the held-out
    // counties (excluded = targets + held out), and its own source forests (seed child "source").
    private SmallAreaGrowthInstance(SmallAreaGrowthInstance parent, bool[] excluded, int[] heldOut, SeedTree seeds)
    {
        _settings = parent._settings;
        _repeat = parent._repeat;
        _origins = parent._origins;
        Outbreak = parent.Outbreak;
        Panel = parent.Panel;
        Targets = parent.Targets;
        Features = parent.Features;
        HeldOutCounties = heldOut;
        _sourceRows = BuildSourceRows(excluded);
        _oracle = new Lazy<double[][]>(() => throw new InvalidOperationException("the validation view runs no oracle"));
        UseSource(PretrainSource(new SourceRequest(seeds.Child("source"), null, CancellationToken.None)));
    }

    private GrowthRows[] BuildSourceRows(bool[] excluded)
    {
        var all = new GrowthRows[_origins.Length];
        for (int k = 0; k < _origins.Length; k++)
        {
            var rows = new GrowthRows(Features.FeatureCount);
            for (int c = 0; c < Panel.Counties; c++)
            {
                if (!excluded[c])
                {
                    Features.AddTrainingRows(c, 0, _origins[k], rows);
                }
            }

            all[k] = rows;
        }

        return all;
    }

    /// <summary>
    /// Source counties held out for the label-free metric (none when source_validation_fraction is 0). In the
    /// <see cref="ValidationView"/> they are not trained on; in this repeat's scored run they are ordinary source counties.
    /// </summary>
    public IReadOnlyList<int> HeldOutCounties { get; }

    /// <summary>This repeat without the held-out source counties (null when none are held out); built on first use.</summary>
    internal SmallAreaGrowthInstance? ValidationView => _validationView?.Value;

    private readonly Lazy<SmallAreaGrowthInstance>? _validationView;

    /// <summary>The simulated outbreak of this repeat, or null on the user's county files.</summary>
    public SimulatedOutbreak? Outbreak { get; }

    /// <summary>The processed case panel.</summary>
    public CasePanel Panel { get; }

    /// <summary>The feature builder.</summary>
    public GrowthFeatures Features { get; }

    /// <summary>Target county indices.</summary>
    public IReadOnlyList<int> Targets { get; }

    /// <summary>Forecast origins (day indices).</summary>
    public IReadOnlyList<int> Origins => _origins;

    /// <summary>Forecast horizon h in days.</summary>
    public int Horizon => _settings.Horizon;

    /// <inheritdoc />
    public override int TargetPoolSize => Targets.Count;

    /// <summary>Source forests, one per forecast origin, fitted on source rows before it.</summary>
    public override SourceForests PretrainSource(SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var forests = new RandomForest[_origins.Length];
        for (int k = 0; k < _origins.Length; k++)
        {
            request.CancellationToken.ThrowIfCancellationRequested();
            forests[k] = FitOrZero(_sourceRows[k], request.Seeds.Child("origin").Child(k)) ?? throw new InvalidOperationException(
                $"{SmallAreaGrowthProblem.ProblemName}: no source training rows before origin day {_origins[k]}");
            request.Progress?.Report(new TrainingProgress("source", k + 1, _origins.Length));
        }

        return new SourceForests(forests);
    }

    /// <summary>Runs <paramref name="strategy"/> with N = <see cref="StrategyCell.N"/> days of target history and scores it.</summary>
    internal CellResult RunCell(GrowthStrategy strategy, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(cell);
        var growth = new double[_origins.Length][];
        var (mae, rmse, growthError) = Evaluate(strategy, cell.N, cell.Seeds, cell.CancellationToken, growth);
        var figures = _repeat == 0 && cell.N == FigureHistoryDays && strategy.InForecastFigure
            ? new[] { ForecastFigure(strategy, growth) }
            : null;
        var values = new Dictionary<string, double>
        {
            ["mae"] = mae,
            ["rmse"] = rmse,
            ["growth_error"] = growthError,
        };
        if (_validationView is not null)
        {
            // After the scored run, with its own seed child: the scored values are those of a run without the metric.
            values[SourceValidation.MetricName] = strategy.ScoresHeldOutSource
                ? SourceValidation.Estimate(_validationView.Value, strategy, cell.N, cell.Seeds.Child("source-validation"), cell.CancellationToken)
                : double.NaN;
        }

        return new CellResult(values, figures);
    }

    /// <summary>
    /// Observed ln rolled active cases of the first target county and the strategy's 7-day-ahead forecasts from
    /// each origin (a segment from the origin to its forecast). The observed line comes with the tlrf cell.
    /// </summary>
    private TimeSeriesFigure ForecastFigure(GrowthStrategy strategy, double[][] growth)
    {
        int c = Targets[0];
        int h = _settings.Horizon;
        int from = Math.Max(0, _origins[0] - 30);
        var series = new List<FigureSeries>();
        if (strategy.DrawsObservedSeries)
        {
            var days = Enumerable.Range(from, Panel.Days - from).ToArray();
            series.Add(new FigureSeries("observed", [.. days.Select(d => (double)d)], [.. days.Select(d => Panel.LogAll[(c * Panel.Days) + d])], Markers: true));
        }

        // Segments origin -> origin + h, separated by NaN so the line breaks between origins.
        var x = new List<double>();
        var y = new List<double>();
        for (int k = 0; k < _origins.Length; k++)
        {
            int t = _origins[k];
            double now = Panel.LogUsable[(c * Panel.Days) + t];
            double r = growth[k] is { } g ? g[0] : double.NaN;
            x.AddRange([t, t + h, t + h]);
            y.AddRange([now, now + (h * r), double.NaN]);
        }

        series.Add(new FigureSeries(strategy.Name, [.. x], [.. y], Strategy: strategy.Name));
        return new TimeSeriesFigure(
            "epidemiology_small-area-growth_forecasts",
            $"7-day-ahead forecasts of a small county with {FigureHistoryDays} days of history (repeat 0)",
            "day",
            "ln rolled active cases",
            series);
    }

    /// <summary>
    /// Runs <paramref name="strategy"/> with <paramref name="historyDays"/> days of target history at every origin;
    /// returns the medians over origins of the per-origin MAE, RMSE and growth-rate MAE.
    /// </summary>
    internal (double Mae, double Rmse, double GrowthError) Evaluate(
        GrowthStrategy strategy, int historyDays, SeedTree seeds, CancellationToken ct = default, double[][]? growthPerOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyDays, 1);
        var maes = new List<double>();
        var rmses = new List<double>();
        var growths = new List<double>();
        int h = _settings.Horizon;
        for (int k = 0; k < _origins.Length; k++)
        {
            ct.ThrowIfCancellationRequested();
            int t = _origins[k];
            double[] r = strategy.PredictGrowth(this, new GrowthWindow(k, t, t - historyDays + 1, seeds.Child("origin").Child(k)));
            if (growthPerOrigin is not null)
            {
                growthPerOrigin[k] = r;
            }
            var err = new List<double>();
            var gerr = new List<double>();
            for (int i = 0; i < Targets.Count; i++)
            {
                int c = Targets[i];
                double now = Panel.LogUsable[(c * Panel.Days) + t];
                double truth = Panel.LogAll[(c * Panel.Days) + t + h];
                if (double.IsNaN(now) || double.IsNaN(truth) || double.IsNaN(r[i]))
                {
                    continue;
                }

                err.Add(now + (h * r[i]) - truth);
                double g = Panel.TrueGrowth?[(c * Panel.Days) + t] ?? RealisedGrowth(c, t, h);
                if (!double.IsNaN(g))
                {
                    gerr.Add(Math.Abs(r[i] - g));
                }
            }

            if (err.Count > 0)
            {
                maes.Add(err.Average(Math.Abs));
                rmses.Add(Math.Sqrt(err.Average(e => e * e)));
            }

            if (gerr.Count > 0)
            {
                growths.Add(gerr.Average());
            }
        }

        return (Descriptive.Median([.. maes]), Descriptive.Median([.. rmses]), Descriptive.Median([.. growths]));
    }

    /// <summary>
    /// Real data has no true growth rate: the realised growth over the forecast horizon, the OLS slope of the fitting
    /// series ln I over days [t, t + h] (NaN unless both ends are usable, I &gt;= 20), as the paper scores real counties.
    /// </summary>
    private double RealisedGrowth(int county, int t, int h)
    {
        var log = Panel.LogSeries(county);
        return double.IsNaN(log[t]) || double.IsNaN(log[t + h]) ? double.NaN : GrowthPipeline.OlsSlope(log, t, t + h);
    }

    /// <summary>A fresh estimate vector: one NaN (not forecastable) per target county.</summary>
    internal double[] NewEstimates()
    {
        var r = new double[Targets.Count];
        Array.Fill(r, double.NaN);
        return r;
    }

    /// <summary>
    /// r_hat of every target county forecastable at the window's origin from <paramref name="model"/>; a null model
    /// (no training rows at all, e.g. scratch with too little history) gives persistence, r_hat = 0.
    /// </summary>
    internal double[] PredictTargets(IRegressor? model, GrowthWindow window)
    {
        var r = NewEstimates();
        var x = new double[Features.FeatureCount];
        for (int i = 0; i < Targets.Count; i++)
        {
            if (Features.TryFeatures(Targets[i], window.Origin, window.FirstVisible, x))
            {
                r[i] = model?.Predict(x) ?? 0.0;
            }
        }

        if (window.HeldOut is { } heldOut)
        {
            // The same model on the held-out source counties, seen through the same window as the targets.
            for (int j = 0; j < HeldOutCounties.Count; j++)
            {
                heldOut[j] = Features.TryFeatures(HeldOutCounties[j], window.Origin, window.FirstVisible, x) ? model?.Predict(x) ?? 0.0 : double.NaN;
            }
        }

        return r;
    }

    /// <summary>TLRF: one forest on the origin's source rows plus the target rows visible in the window.</summary>
    internal double[] PredictPooled(GrowthWindow window)
    {
        var all = new GrowthRows(Features.FeatureCount);
        all.AddAll(_sourceRows[window.OriginIndex]);
        all.AddAll(TargetRows(window.FirstVisible, window.Origin));
        return PredictTargets(FitOrZero(all, window.Seeds.Child("fit")), window);
    }

    /// <summary>Source training rows before origin index <paramref name="k"/> (tests check no target county is in them).</summary>
    internal GrowthRows SourceRows(int k) => _sourceRows[k];

    /// <summary>The oracle's r_hat at origin index <paramref name="k"/> (TLRF on the full target history; a copy).</summary>
    internal double[] OracleGrowth(int k) => (double[])_oracle.Value[k].Clone();

    /// <summary>Training rows of every target county for days [<paramref name="firstVisible"/>, <paramref name="origin"/>].</summary>
    internal GrowthRows TargetRows(int firstVisible, int origin)
    {
        var rows = new GrowthRows(Features.FeatureCount);
        foreach (int c in Targets)
        {
            Features.AddTrainingRows(c, firstVisible, origin, rows);
        }

        return rows;
    }

    /// <summary>
    /// The unlabelled target inputs an analyst has at day <paramref name="origin"/>: the feature rows of every target
    /// county on each visible day [<paramref name="firstVisible"/>, <paramref name="origin"/>] (no growth label is read,
    /// so days whose label lies beyond the origin count too). Row-major, p = <see cref="GrowthFeatures.FeatureCount"/>.
    /// </summary>
    internal List<double[]> TargetInputs(int firstVisible, int origin)
    {
        var rows = new List<double[]>();
        foreach (int c in Targets)
        {
            for (int day = Math.Max(0, firstVisible); day <= origin; day++)
            {
                var x = new double[Features.FeatureCount];
                if (Features.TryFeatures(c, day, firstVisible, x))
                {
                    rows.Add(x);
                }
            }
        }

        return rows;
    }

    /// <summary>A forest on <paramref name="rows"/> with the shared forest settings (one thread), or null when there are none.</summary>
    internal RandomForest? FitOrZero(GrowthRows rows, SeedTree seeds)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var (x, y) = rows.ToMatrix();
        return RandomForest.Fit(x, y, _settings.Forest with { Threads = 1 }, seeds);
    }

    private int[] PickTargets(Rng rng)
    {
        int nc = Panel.Counties;
        var outbreak = Outbreak!;
        var byPop = Enumerable.Range(0, nc).OrderBy(c => outbreak.Counties[c].Population).ThenBy(c => c).ToArray();
        var small = byPop.Take(nc / 2).ToArray();
        var usable = small.Where(c => _origins.Count(t => !double.IsNaN(Panel.LogUsable[(c * Panel.Days) + t])) * 2 >= _origins.Length).ToArray();
        if (usable.Length == 0)
        {
            throw new InvalidOperationException(
                $"{SmallAreaGrowthProblem.ProblemName}: no small county has >= 20 active cases at half of the forecast origins; raise counties, days or r0");
        }

        rng.Shuffle<int>(usable);
        var chosen = usable.Take(Math.Min(_settings.TargetCounties, usable.Length)).ToArray();
        Array.Sort(chosen);
        return chosen;
    }
}
