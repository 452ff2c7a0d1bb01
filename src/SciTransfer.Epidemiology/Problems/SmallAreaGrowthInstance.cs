using SciTransfer.Core.Random;
using SciTransfer.Core.Statistics;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Epidemiology.Transfer;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>
/// One repeat of <c>epidemiology/small-area-growth</c>: a simulated outbreak, the small target counties and the
/// forecast origins. At origin t a target county shows only days [t - N + 1, t] (N = the cell's n_target);
/// source counties show every day up to t. Read-only after construction.
/// </summary>
public sealed class SmallAreaGrowthInstance : ProblemInstance
{
    private readonly SmallAreaGrowthSettings _settings;
    private readonly int[] _origins;
    private readonly GrowthRows[] _sourceRows;
    private readonly Lazy<double[][]> _oracle;
    private readonly int _repeat;

    /// <summary>History length (days) whose cells of repeat 0 draw the forecast figure.</summary>
    public const int FigureHistoryDays = 7;

    private static readonly HashSet<string> FigureStrategies = new(StringComparer.Ordinal) { "tlrf", "source-only", "ols-w7", "per-county-rf" };

    /// <summary>Simulates the outbreak and picks the target counties from <paramref name="seeds"/>.</summary>
    public SmallAreaGrowthInstance(SmallAreaGrowthSettings settings, SeedTree seeds, int repeat = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(seeds);
        _settings = settings;
        _repeat = repeat;
        Outbreak = OutbreakSimulator.Simulate(settings.Simulator, seeds.Child("simulator"));
        Panel = CasePanel.FromSimulation(Outbreak);
        Features = new GrowthFeatures(Panel, settings.GrowthBlock);
        _origins = settings.Origins();
        Targets = PickTargets(seeds.Child("targets").CreateRng());
        var isTarget = new bool[Panel.Counties];
        foreach (int c in Targets)
        {
            isTarget[c] = true;
        }

        _sourceRows = new GrowthRows[_origins.Length];
        for (int k = 0; k < _origins.Length; k++)
        {
            var rows = new GrowthRows(Features.FeatureCount);
            for (int c = 0; c < Panel.Counties; c++)
            {
                if (!isTarget[c])
                {
                    Features.AddTrainingRows(c, 0, _origins[k], rows);
                }
            }

            _sourceRows[k] = rows;
        }

        // The oracle sees every target day, so its forecasts do not depend on N: fit once per repeat, on first use.
        var oracleSeeds = seeds.Child("oracle");
        _oracle = new Lazy<double[][]>(
            () => [.. Enumerable.Range(0, _origins.Length).Select(k => PredictGrowth("tlrf", int.MaxValue / 2, k, null, oracleSeeds.Child("origin").Child(k), fullHistory: true))],
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The simulated outbreak of this repeat.</summary>
    public SimulatedOutbreak Outbreak { get; }

    /// <summary>The processed case panel.</summary>
    public CasePanel Panel { get; }

    /// <summary>The feature builder.</summary>
    public GrowthFeatures Features { get; }

    /// <summary>Target county indices.</summary>
    public IReadOnlyList<int> Targets { get; }

    /// <summary>Forecast origins (day indices).</summary>
    public IReadOnlyList<int> Origins => _origins;

    /// <inheritdoc />
    public override int TargetPoolSize => Targets.Count;

    /// <summary>Source forests, one per forecast origin, fitted on source rows before it.</summary>
    public override object? PretrainSource(SourceRequest request)
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

        return forests;
    }

    /// <inheritdoc />
    public override CellResult Run(CellRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var growth = new double[_origins.Length][];
        var (mae, rmse, growthError) = Evaluate(request.Strategy, request.N, request.Source as RandomForest[], request.Seeds, request.CancellationToken, growth);
        var figures = _repeat == 0 && request.N == FigureHistoryDays && FigureStrategies.Contains(request.Strategy)
            ? new[] { ForecastFigure(request.Strategy, growth) }
            : null;
        return new CellResult(
            new Dictionary<string, double>
            {
                ["mae"] = mae,
                ["rmse"] = rmse,
                ["growth_error"] = growthError,
            },
            figures);
    }

    /// <summary>
    /// Observed ln rolled active cases of the first target county and the strategy's 7-day-ahead forecasts from
    /// each origin (a segment from the origin to its forecast). The observed line comes with the tlrf cell.
    /// </summary>
    private TimeSeriesFigure ForecastFigure(string strategy, double[][] growth)
    {
        int c = Targets[0];
        int h = _settings.Horizon;
        int from = Math.Max(0, _origins[0] - 30);
        var series = new List<FigureSeries>();
        if (strategy == "tlrf")
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

        series.Add(new FigureSeries(strategy, [.. x], [.. y], Strategy: strategy));
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
    public (double Mae, double Rmse, double GrowthError) Evaluate(
        string strategy, int historyDays, RandomForest[]? source, SeedTree seeds, CancellationToken ct = default, double[][]? growthPerOrigin = null)
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
            double[] r = PredictGrowth(strategy, historyDays, k, source, seeds.Child("origin").Child(k));
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
                double g = Panel.TrueGrowth?[(c * Panel.Days) + t] ?? double.NaN;
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

    /// <summary>Growth-rate estimates r_hat (per day) of every target county at origin index <paramref name="k"/> (NaN: not forecastable).</summary>
    public double[] PredictGrowth(string strategy, int historyDays, int k, RandomForest[]? source, SeedTree seeds) =>
        strategy == "oracle" ? (double[])_oracle.Value[k].Clone() : PredictGrowth(strategy, historyDays, k, source, seeds, fullHistory: false);

    private double[] PredictGrowth(string strategy, int historyDays, int k, RandomForest[]? source, SeedTree seeds, bool fullHistory)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(seeds);
        int t = _origins[k];
        int firstVisible = fullHistory ? 0 : t - historyDays + 1;
        var r = new double[Targets.Count];
        Array.Fill(r, double.NaN);
        var x = new double[Features.FeatureCount];

        IRegressor? model = null;
        switch (strategy)
        {
            case "ols-w2":
            case "ols-w7":
            case "ols-w14":
                int w = int.Parse(strategy.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
                for (int i = 0; i < Targets.Count; i++)
                {
                    if (Features.TryFeatures(Targets[i], t, firstVisible, x))
                    {
                        r[i] = GrowthPipeline.OlsSlope(Panel.LogSeries(Targets[i]), Math.Max(firstVisible, t - w + 1), t);
                    }
                }

                return r;
            case "per-county-rf":
                for (int i = 0; i < Targets.Count; i++)
                {
                    var own = new GrowthRows(Features.FeatureCount);
                    Features.AddTrainingRows(Targets[i], firstVisible, t, own);
                    IRegressor? m = FitOrZero(own, seeds.Child("county").Child(i));
                    if (Features.TryFeatures(Targets[i], t, firstVisible, x))
                    {
                        r[i] = m?.Predict(x) ?? 0.0;
                    }
                }

                return r;
            case "source-only":
                model = RequireSource(source)[k];
                break;
            case "scratch":
                model = FitOrZero(TargetRows(firstVisible, t), seeds.Child("fit"));
                break;
            case "tlrf":
                var all = new GrowthRows(Features.FeatureCount);
                all.AddAll(_sourceRows[k]);
                all.AddAll(TargetRows(firstVisible, t));
                model = FitOrZero(all, seeds.Child("fit"));
                break;
            case "relabel":
            case "ser":
            case "strut":
            case "mix":
                var src = RequireSource(source)[k];
                var target = TargetRows(firstVisible, t);
                if (target.Count == 0)
                {
                    model = src;
                }
                else
                {
                    var (tx, ty) = target.ToMatrix();
                    model = TreeTransfer.AdaptForest(src.Trees, strategy, tx, ty);
                }

                break;
            default:
                throw new ArgumentException($"{SmallAreaGrowthProblem.ProblemName}: unknown strategy '{strategy}'", nameof(strategy));
        }

        for (int i = 0; i < Targets.Count; i++)
        {
            if (Features.TryFeatures(Targets[i], t, firstVisible, x))
            {
                // No target rows at all (scratch with too little history): persistence, r_hat = 0.
                r[i] = model?.Predict(x) ?? 0.0;
            }
        }

        return r;
    }

    private GrowthRows TargetRows(int firstVisible, int origin)
    {
        var rows = new GrowthRows(Features.FeatureCount);
        foreach (int c in Targets)
        {
            Features.AddTrainingRows(c, firstVisible, origin, rows);
        }

        return rows;
    }

    private RandomForest? FitOrZero(GrowthRows rows, SeedTree seeds)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var (x, y) = rows.ToMatrix();
        return RandomForest.Fit(x, y, _settings.Forest with { Threads = 1 }, seeds);
    }

    private static RandomForest[] RequireSource(RandomForest[]? source) =>
        source ?? throw new InvalidOperationException($"{SmallAreaGrowthProblem.ProblemName}: this strategy needs the pre-trained source forests");

    private int[] PickTargets(Rng rng)
    {
        int nc = Panel.Counties;
        var byPop = Enumerable.Range(0, nc).OrderBy(c => Outbreak.Counties[c].Population).ThenBy(c => c).ToArray();
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
