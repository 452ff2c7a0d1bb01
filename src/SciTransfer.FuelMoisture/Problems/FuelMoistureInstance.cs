using System.Collections.Concurrent;
using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Strategies;
using SciTransfer.FuelMoisture.Warping;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// One repeat of a fuel-moisture problem: pre-trains the 10-h source LSTM; the strategies (Strategies/) run on a
/// subset of the target weighings and are scored by RMSE (%) on the test set. Thread-safe: the scenario and
/// the source network are read-only; every cell works on its own copy of the network.
/// </summary>
public sealed partial class FuelMoistureInstance : ProblemInstance<MoistureNet>
{
    /// <summary>For 1-h fuels only observations at or below this moisture (%) are fitted (rain spikes are not predictable).</summary>
    public const double OneHourFitCeiling = 30.0;

    private readonly FuelMoistureScenario _scenario;
    private readonly FuelMoistureOptions _o;
    private readonly int _repeat;
    private readonly SeedTree _seeds;
    private readonly string _figureId;
    private readonly ConcurrentDictionary<int, Lazy<(double Forget, double Input)>> _gridCache = new();

    /// <summary>
    /// Wraps a generated scenario of repeat <paramref name="repeat"/>. <paramref name="seeds"/> are the repeat's streams for
    /// work shared by every cell of the repeat (the domain-adaptation strategies' source minibatches and adapted source
    /// networks); null derives them from the repeat index.
    /// </summary>
    public FuelMoistureInstance(FuelMoistureScenario scenario, int repeat, string problemName, SeedTree? seeds = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(problemName);
        _seeds = seeds ?? new SeedTree((ulong)repeat).Child("adaptation");
        _scenario = scenario;
        _o = scenario.Options;
        _repeat = repeat;
        _figureId = problemName.Replace('/', '_') + "_timeseries";
    }

    /// <inheritdoc />
    public override int TargetPoolSize => _scenario.Pool.Count;

    /// <summary>The data of this repeat.</summary>
    public FuelMoistureScenario Scenario => _scenario;

    /// <summary>
    /// The ILGPU accelerator of the study's <c>"device"</c> (gpu, ilgpu-cpu), or null for the CPU engine. With one, the
    /// source pre-training and every target training without hooks (scratch, fine-tune, freeze-lstm, time-warp+fine-tune,
    /// auto's fine-tune, the input-adaptation strategies' target fine-tune) run on it through <see cref="DeviceTrainer"/>;
    /// trainings with hooks (the generic strategies' penalties and adapters), the continued source training of the input
    /// adaptation, the time-warp searches and every prediction stay on the CPU.
    /// </summary>
    internal ILGPU.Runtime.Accelerator? Device { get; init; }

    /// <summary>Trains the 10-h source network (a <see cref="MoistureNet"/>) with early stopping on the validation stations.</summary>
    public override MoistureNet PretrainSource(SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var net = MoistureNet.CreateChrono(Features.Count, _o.Hidden, _o.ChronoMaxHours, request.Seeds.Child("init").CreateRng());
        var options = new TrainerOptions(Stride: 1, MaxEpochs: _o.SourceEpochs, Patience: 5, WindowsPerEpoch: _o.SourceWindowsPerEpoch);
        if (Device is { } device)
        {
            DeviceTrainer.Train(device, net, _scenario.SourceTrain, _scenario.SourceValidation, options, request.Seeds.Child("train").CreateRng(), request.Progress, "source", request.CancellationToken);
        }
        else
        {
            Trainer.Train(net, _scenario.SourceTrain, _scenario.SourceValidation, options, request.Seeds.Child("train").CreateRng(), request.Progress, "source", request.CancellationToken);
        }

        return net;
    }

    /// <summary>Writes the source network's parameters (Core ParameterIO format, bit-exact).</summary>
    public override bool SaveSource(MoistureNet source, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ParameterIO.Save(destination, source.Parameters);
        return true;
    }

    /// <summary>Reads a source network written by <see cref="SaveSource"/>.</summary>
    public override MoistureNet? LoadSource(Stream source)
    {
        var net = MoistureNet.CreateChrono(Features.Count, _o.Hidden, _o.ChronoMaxHours, new Rng(0));
        ParameterIO.Load(source, "fuel-moisture source cache", net.Parameters);
        return net;
    }

    /// <summary>The source network with the scenario's scaling ("moisture-lstm"), for <c>scitransfer export</c>.</summary>
    public override ExchangeModel ExportSource(MoistureNet source) => MoistureExchange.Export(source, _scenario.Scaler);

    /// <summary>A "moisture-lstm" trained elsewhere, its scaling folded into the weights so that it reads this scenario's.</summary>
    public override MoistureNet ImportSource(ExchangeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (net, scaler) = model.As<(MoistureNet Net, FeatureScaler Scaler)>(MoistureExchange.Architecture, Features.Names);
        model.ExpectSizes([net.Inputs, net.Hidden], [Features.Count, _o.Hidden], "hidden");
        var ours = MoistureNet.CreateChrono(Features.Count, _o.Hidden, _o.ChronoMaxHours, new Rng(0));
        MoistureExchange.CopyRescaled(net, scaler, ours, _scenario.Scaler);
        return ours;
    }

    /// <summary>The resolved options.</summary>
    public FuelMoistureOptions Options => _o;

    /// <summary>The fit sequences of the cell's target subset (see <see cref="FitSequences(IReadOnlyList{FuelObservation})"/>).</summary>
    public List<TrainingSequence> FitSequences(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var subset = new List<FuelObservation>(cell.TargetIndices.Length);
        foreach (int i in cell.TargetIndices.Span)
        {
            subset.Add(_scenario.Pool[i]);
        }

        return FitSequences(subset);
    }

    /// <summary>The cell's target observations that are fitted (for 1-h fuels those &lt;= 30 %), in subset order.</summary>
    public List<FuelObservation> FittedObservations(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var list = new List<FuelObservation>(cell.TargetIndices.Length);
        foreach (int i in cell.TargetIndices.Span)
        {
            var ob = _scenario.Pool[i];
            if (_o.TargetClassHours != 1 || ob.Value <= OneHourFitCeiling)
            {
                list.Add(ob);
            }
        }

        return list;
    }

    /// <summary>A fresh chrono-initialised network drawn from the cell's "init" stream (as the source network is built).</summary>
    public MoistureNet NewNetwork(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return MoistureNet.CreateChrono(Features.Count, _o.Hidden, _o.ChronoMaxHours, cell.Seeds.Child("init").CreateRng());
    }

    /// <summary>A private copy of the source network, for a strategy to change.</summary>
    public MoistureNet SourceCopy() => Source.Clone();

    /// <summary>
    /// The scores of a cell's predictions, with the time-series figure when the cell is repeat 0 at n =
    /// <see cref="FuelMoistureOptions.FigureN"/> and the strategy has a series in it.
    /// </summary>
    internal CellResult Result(string strategy, FigureSeriesRole role, StrategyCell cell, FuelPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(prediction);
        var values = Score(prediction.Values);
        values[FuelMoistureMetrics.WarpForgetShift] = prediction.ForgetShift;
        values[FuelMoistureMetrics.WarpInputShift] = prediction.InputShift;
        values[FuelMoistureMetrics.AutoChoice] = prediction.AutoChoice;
        var figures = _repeat == 0 && cell.N == _o.FigureN ? Figure(strategy, role, prediction.Values) : null;
        return new CellResult(values, figures);
    }

    /// <summary>RMSE (%) over every test observation, plus for 1-h fuels over those at or below 30 %.</summary>
    public Dictionary<string, double> Score(double[][] predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        double s = 0, s30 = 0;
        int n = 0, n30 = 0;
        foreach (var ob in _scenario.Test)
        {
            double e = predictions[ob.Station][ob.Hour] - ob.Value;
            s += e * e;
            n++;
            if (ob.Value <= OneHourFitCeiling)
            {
                s30 += e * e;
                n30++;
            }
        }

        var values = new Dictionary<string, double> { ["rmse"] = Math.Sqrt(s / n) };
        if (_o.TargetClassHours == 1)
        {
            values["rmse_le30"] = n30 > 0 ? Math.Sqrt(s30 / n30) : double.NaN;
        }

        return values;
    }

    /// <summary>Predictions in % over the target sequence of every test station, from a zero state.</summary>
    public double[][] Predict(MoistureNet net) => Predict(net, _scenario.TestInputs);

    /// <summary>Predictions in % over the target sequence of every pool station, from a zero state (for model selection on the pool).</summary>
    public double[][] PredictPool(MoistureNet net) => Predict(net, _scenario.PoolInputs);

    /// <summary>
    /// The train-mean baseline: the mean of the cell's fitted target observations (for 1-h fuels those &lt;= 30 %)
    /// at every test hour; with none (n = 0), the mean of the source network's 10-h training readings.
    /// </summary>
    public double[][] TrainMeanPredictions(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        // Summed in pool order (file order), not draw order, so that the whole pool gives the file's mean to the last bit.
        int[] indices = cell.TargetIndices.ToArray();
        Array.Sort(indices);
        double sum = 0;
        int n = 0;
        foreach (int i in indices)
        {
            double v = _scenario.Pool[i].Value;
            if (_o.TargetClassHours != 1 || v <= OneHourFitCeiling)
            {
                sum += v;
                n++;
            }
        }

        double mean = n > 0 ? sum / n : _scenario.Scaler.OutputMean;
        return [.. _scenario.TestInputs.Select(_ => Enumerable.Repeat(mean, _scenario.TargetLength).ToArray())];
    }

    /// <summary>The time-warp-gradient shifts for <paramref name="fit"/> ((0, 0) without fitted observations).</summary>
    internal (double Forget, double Input) GradientShift(List<TrainingSequence> fit, CancellationToken ct)
    {
        if (fit.Count == 0)
        {
            return (0, 0);
        }

        var (sf, si, _) = TimeWarp.Gradient(Source, fit, _o.WarpIterations, range: _o.GridRange, cancellationToken: ct);
        return (sf, si);
    }

    private double[][] Predict(MoistureNet net, IReadOnlyList<double[]> stations)
    {
        ArgumentNullException.ThrowIfNull(net);
        int b = stations.Count, t = _scenario.TargetLength, inputs = net.Inputs;
        var x = new Tensor(b, t, inputs);
        for (int k = 0; k < b; k++)
        {
            stations[k].CopyTo(x.Span.Slice(k * t * inputs, t * inputs));
        }

        var tape = new Tape();
        var y = net.Forward(tape, tape.Constant(x)).Value.Span;
        var result = new double[b][];
        for (int k = 0; k < b; k++)
        {
            result[k] = new double[t];
            for (int q = 0; q < t; q++)
            {
                result[k][q] = _scenario.Scaler.UnscaleOutput(y[(k * t) + q]);
            }
        }

        return result;
    }

    /// <summary>The time-lag model of the target class run over each test station's sequence from the mid-point of the first hour's equilibria.</summary>
    public double[][] PhysicsPredictions()
    {
        var model = _o.Model(_o.TargetClassHours);
        return [.. _scenario.TestWeather.Select(w => ObservationGenerator.TrueMoisture(w, model, _o.DryingCoefficient))];
    }

    /// <summary>
    /// One training sequence per pool station with at least one fitted observation: the station's inputs, the
    /// scaled observations as targets and weight 1 at observed hours (for 1-h fuels only those &lt;= 30 %).
    /// </summary>
    public List<TrainingSequence> FitSequences(IReadOnlyList<FuelObservation> subset)
    {
        ArgumentNullException.ThrowIfNull(subset);
        var byStation = new Dictionary<int, TrainingSequence>();
        foreach (var ob in subset)
        {
            if (_o.TargetClassHours == 1 && ob.Value > OneHourFitCeiling)
            {
                continue;
            }

            if (!byStation.TryGetValue(ob.Station, out var seq))
            {
                int t = _scenario.TargetLength;
                seq = new TrainingSequence(_scenario.PoolInputs[ob.Station], new double[t], new double[t]);
                byStation[ob.Station] = seq;
            }

            seq.Y[ob.Hour] = _scenario.Scaler.ScaleOutput(ob.Value);
            seq.W[ob.Hour] = 1;
        }

        return [.. byStation.OrderBy(kv => kv.Key).Select(kv => kv.Value)];
    }

    /// <summary>
    /// The grid time-warp shifts for the cell's subset ((0, 0) without fitted observations), searched once per n
    /// and shared by time-warp and time-warp+fine-tune.
    /// </summary>
    internal (double Forget, double Input) GridShift(int n, List<TrainingSequence> fit, CancellationToken ct)
    {
        var source = Source;
        if (fit.Count == 0)
        {
            return (0, 0);
        }

        // Subsets are prefixes of one permutation, so n fixes the subset: time-warp and
        // time-warp+fine-tune share one grid search.
        var lazy = _gridCache.GetOrAdd(n, _ => new Lazy<(double, double)>(() =>
        {
            var (sf, si, _) = TimeWarp.Grid(source.Clone(), fit, _o.GridPoints, _o.GridRange, ct);
            return (sf, si);
        }));
        return lazy.Value;
    }

    /// <summary>Trains <paramref name="net"/> on the fit sequences (nothing to do without any), from the cell's "train" stream.</summary>
    internal void FineTune(MoistureNet net, List<TrainingSequence> fit, int epochs, GradientScope scope, StrategyCell cell, string strategy)
    {
        ArgumentNullException.ThrowIfNull(cell);
        FineTune(net, fit, epochs, scope, cell.Seeds.Child("train").CreateRng(), null, cell.Progress, strategy, cell.CancellationToken);
    }

    /// <summary>Trains <paramref name="net"/> on the fit sequences (nothing to do without any) with <paramref name="rng"/> and optional hooks.</summary>
    internal void FineTune(MoistureNet net, List<TrainingSequence> fit, int epochs, GradientScope scope, Rng rng, TrainingHooks? hooks, IProgress<TrainingProgress>? progress, string strategy, CancellationToken ct)
    {
        if (fit.Count == 0)
        {
            return;
        }

        if (_o.FineTuneWindows)
        {
            // As published: 48-h windows with stride 12, unobserved hours masked out of the loss.
            var options = new TrainerOptions(Stride: 12, MaxEpochs: epochs, LearningRate: _o.TargetLearningRate, Scope: scope);
            if (Device is { } device && hooks is null)
            {
                DeviceTrainer.Train(device, net, fit, null, options, rng, progress, strategy, ct);
            }
            else
            {
                Trainer.Train(net, fit, null, options, rng, progress, strategy, ct, hooks);
            }
        }
        else if (Device is { } device && hooks is null)
        {
            DeviceTrainer.TrainSequences(device, net, fit, epochs, _o.TargetLearningRate, scope, rng, progress, strategy, ct);
        }
        else
        {
            Trainer.TrainSequences(net, fit, epochs, _o.TargetLearningRate, scope, rng, progress, strategy, ct, hooks);
        }
    }

    private List<FigureData> Figure(string strategy, FigureSeriesRole role, double[][] predictions)
    {
        int from = _scenario.ObservationStart, to = _scenario.TargetLength;
        double[] Hours(int count, int step) => [.. Enumerable.Range(0, count).Select(q => (double)(q * step))];
        var series = new List<FigureSeries>();
        double[] Window(double[] p) => p.AsSpan(from, to - from).ToArray();
        if (role == FigureSeriesRole.Physics)
        {
            var obs = _scenario.Test.Where(ob => ob.Station == 0 && (ob.Hour - from) % 3 == 0).ToArray();
            series.Add(new FigureSeries("observations", [.. obs.Select(ob => (double)(ob.Hour - from))], [.. obs.Select(ob => ob.Value)], Markers: true));
            series.Add(new FigureSeries("physics (time-lag model)", Hours(to - from, 1), Window(predictions[0]), Strategy: strategy));
        }
        else if (role == FigureSeriesRole.SourceOnly)
        {
            series.Add(new FigureSeries($"{StrategyNames.SourceOnly} (10-h LSTM)", Hours(to - from, 1), Window(predictions[0]), Strategy: strategy));
        }
        else if (role == FigureSeriesRole.Transfer)
        {
            series.Add(new FigureSeries(strategy, Hours(to - from, 1), Window(predictions[0]), Strategy: strategy, Candidate: true));
        }
        else
        {
            return [];
        }

        string cls = FuelClass.Name(_o.TargetClassHours);
        return
        [
            new TimeSeriesFigure(
                _figureId,
                $"{cls} fuel moisture at test station {_scenario.TestWeather[0].Station.Id} (n = {_o.FigureN} target observations, repeat 0)",
                "hours since the observation window starts",
                "fuel moisture (%)",
                series,
                BestOfMetric: "rmse",
                AtN: _o.FigureN),
        ];
    }
}
