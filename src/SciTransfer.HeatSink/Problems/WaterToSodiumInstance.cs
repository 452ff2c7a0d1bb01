using System.Diagnostics;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// One repeat of <see cref="WaterToSodiumProblem"/>: reference solutions of both cases, the sodium sensor pool
/// (random solid cell centres) and the water sensors used in pre-training. Read-only after construction.
/// </summary>
internal sealed partial class WaterToSodiumInstance : ProblemInstance<WaterModel>
{
    private readonly WaterToSodiumProblem _problem;
    private readonly PinnStudySettings _s;
    private readonly int _repeat;
    private readonly FieldProbe _targetProbe;
    private readonly FieldProbe _sourceProbe;
    private readonly SensorData _pool;
    private readonly SensorData _sourceSensors;

    // What the metrics score against: the solver's field (generated data), or the measured reference field (null:
    // none given) and the held-out sensors (null with generated data).
    private readonly FieldProbe? _scoreProbe;
    private readonly FieldProbe? _heldOut;

    // The label-free metric physics_residual: the sodium physics at fresh points of their own seed child (so no other
    // draw changed), drawn once per repeat so every strategy is judged on the same points.
    private readonly Lazy<PhysicsResidual> _residual;

    // The run's training device ("cpu", "gpu", "ilgpu-cpu").
    private readonly string _device;
    private readonly int _deviceBatch;

    /// <summary>Solves both reference cases and draws the sensor positions.</summary>
    public WaterToSodiumInstance(WaterToSodiumProblem problem, ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(context);
        _problem = problem;
        _s = problem.Settings;
        _repeat = context.Repeat;
        _device = context.Settings.Device;
        _deviceBatch = context.Settings.DeviceBatch;
        _targetProbe = new FieldProbe(HeatSinkSolver.Solve(_s.Target, _s.GridCellsPerUnit));
        _sourceProbe = new FieldProbe(HeatSinkSolver.Solve(_s.Source, _s.GridCellsPerUnit));
        if (_s.Data is { } data)
        {
            SensorData test;
            (_pool, test) = data.Split(context.Seeds);
            _heldOut = new FieldProbe(_targetProbe.Reference, test.Points, test.Theta);
            _scoreProbe = data.Reference is { } r ? new FieldProbe(_targetProbe.Reference, r.Points, r.Theta) : null;
        }
        else
        {
            _pool = DrawSensors(_targetProbe, _s.PoolSize, _s.SensorNoise, context.Seeds.Child("sodium-sensors").CreateRng());
            _scoreProbe = _targetProbe;
        }

        _sourceSensors = DrawSensors(_sourceProbe, _s.SourceSensors, _s.SensorNoise, context.Seeds.Child("water-sensors").CreateRng());
        var residualSeeds = context.Seeds.Child("physics-residual");
        _residual = new Lazy<PhysicsResidual>(
            () => new PhysicsResidual(new PinnTask(_s.Target, SensorData.Empty), PhysicsResidual.DefaultInteriorPoints, PhysicsResidual.DefaultBoundaryPoints, residualSeeds.CreateRng()),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Name of the label-free metric (RMS residual of the sodium physics, no sensor read).</summary>
    public const string PhysicsResidualMetric = "physics_residual";

    /// <inheritdoc/>
    public override int TargetPoolSize => _pool.Count;

    /// <summary>The target reference scorer.</summary>
    public FieldProbe TargetProbe => _targetProbe;

    /// <inheritdoc/>
    public override WaterModel PretrainSource(SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var net = NewNetwork(_s.Source.Geometry, request.Seeds.Child("init").CreateRng());
        var task = new PinnTask(_s.Source, _sourceSensors);
        Train(net, task, _s.SourceTraining, request.Seeds.Child("train").CreateRng(), null, request.CancellationToken);
        return new WaterModel(net, _s.Source, _sourceProbe.RelativeL2(net, task));
    }

    /// <summary>Writes the water network with <see cref="PinnModelStore"/> (no optimizer state).</summary>
    public override bool SaveSource(WaterModel source, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        PinnModelStore.Save(source.Network, destination);
        return true;
    }

    /// <summary>Restores the water network; its case and error are recomputed from this repeat's data.</summary>
    public override WaterModel LoadSource(Stream source)
    {
        var net = PinnModelStore.Load(source, "cached water model");
        return new WaterModel(net, _s.Source, _sourceProbe.RelativeL2(net, new PinnTask(_s.Source, _sourceSensors)));
    }

    /// <summary>The water network as "field-mlp" (inputs x, y in units of l), for <c>scitransfer export</c>.</summary>
    public override ExchangeModel ExportSource(WaterModel source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(HeatSinkExchange.FieldArchitecture, source.Network, HeatSinkExchange.FieldFeatures);
    }

    /// <summary>A "field-mlp" trained elsewhere as the water model (its error recomputed on this repeat's water case).</summary>
    public override WaterModel ImportSource(ExchangeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var net = model.As<FieldMlp>(HeatSinkExchange.FieldArchitecture);
        model.ExpectSizes(net.Sizes, [2, .. _s.Hidden, 1], "hidden_layers");
        return new WaterModel(net, _s.Source, _sourceProbe.RelativeL2(net, new PinnTask(_s.Source, _sourceSensors)));
    }

    /// <summary>Target training of scratch and data-only.</summary>
    public PinnTrainingOptions TargetTraining => _s.TargetTraining;

    /// <summary>Target training of the fine-tune strategies (the fine-tune learning rate).</summary>
    public PinnTrainingOptions FineTuneTraining => _s.TargetTraining with { LearningRate = _s.FineTuneLearningRate };

    /// <summary>Leading layers frozen by fine-tune-head.</summary>
    public int HeadFrozenLayers => _s.HeadFrozenLayers;

    /// <summary>L-BFGS iterations of fine-tune+lbfgs.</summary>
    public int LbfgsSteps => _s.LbfgsSteps;

    /// <summary>A fresh network for the cell (seed child "init"), scaled to the source cell as the water model is.</summary>
    public FieldMlp FreshNetwork(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return NewNetwork(_s.Source.Geometry, cell.Seeds.Child("init").CreateRng());
    }

    /// <summary>
    /// Runs one cell of <paramref name="strategy"/>: trains <paramref name="net"/> in place on the cell's sodium
    /// sensors (and the sodium physics unless <paramref name="usePhysics"/> is false) with <paramref name="training"/>
    /// (null: evaluate as is), scores the field against the reference and, for the figure cell, emits the heat maps.
    /// </summary>
    public CellResult RunCell(string strategy, StrategyCell cell, FieldMlp net, PinnTrainingOptions? training, bool usePhysics = true)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(net);
        var clock = Stopwatch.StartNew();
        var task = new PinnTask(_s.Target, Subset(cell.TargetIndices.Span), UsePhysics: usePhysics);
        if (_s.CornerRadii is { } radii && usePhysics && training is not null && net.Enrichment is null)
        {
            // The singular corner term (coefficient 0 at the start, trained with the network) for the sodium physics.
            var g = _s.Target.Geometry;
            net.Enrich(new CornerEnrichment(g.FinHalfThickness, g.BaseThickness, radii.Inner, radii.Outer));
        }

        var log = training is null ? null : Train(net, task, training, cell.Seeds.Child("train").CreateRng(), _scoreProbe, cell.CancellationToken);
        var values = Score(_scoreProbe?.Predict(net, task), _heldOut?.Predict(net, task), log, clock, net);
        var figures = _s.Data is null && _repeat == 0 && cell.N == _s.FigureN && strategy == _s.FigureStrategy
            ? HeatSinkFigures.FieldComparison(_problem.Name, strategy, cell.N, _targetProbe.Reference, net, task)
            : null;
        return new CellResult(values, figures);
    }

    /// <summary>
    /// <see cref="PinnTrainer.Train"/>, or <see cref="DevicePinnTraining.Train"/> when the run asks for a device and the
    /// training is one the device supports (else the CPU: the fallback the problem's warning states in run.json). With
    /// <c>"device_batch"</c> above 1 the device training joins the concurrent cells' batch (<see cref="DevicePinnBatching"/>).
    /// </summary>
    private PinnTrainingLog Train(FieldMlp net, PinnTask task, PinnTrainingOptions options, Rng rng, FieldProbe? probe, CancellationToken ct, Transfer.FineTuning.TrainingHooks? hooks = null) =>
        !Core.Gpu.EngineDevices.IsAccelerated(_device) || DevicePinnTraining.Unsupported(net, options, hooks) is not null
            ? PinnTrainer.Train(net, task, options, rng, probe, ct, hooks)
            : _deviceBatch > 1
                ? DevicePinnBatching.Train(new DevicePinnJob(net, task, options, rng, probe, ct), _device, _deviceBatch)
                : DevicePinnTraining.Train(net, task, options, rng, probe, Core.Gpu.EngineDevices.Acquire(_device), ct);

    /// <summary>
    /// Scores the finite-volume solution of the configured sodium case (sampled bilinearly) as the prediction: the
    /// fv-model baseline, which needs neither the water model nor any sensor.
    /// </summary>
    public CellResult RunModel(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var clock = Stopwatch.StartNew();
        var field = _targetProbe.Reference.Field;
        return new CellResult(Score(_scoreProbe?.Predict(field.Sample), _heldOut?.Predict(field.Sample), null, clock));
    }

    // Metrics of predictions at the scoring points and the held-out sensors (null: not scored, NaN); physics_residual of
    // the network (null: a field without derivatives, the fv-model's bilinear samples: NaN).
    private Dictionary<string, double> Score(double[]? atReference, double[]? atHeldOut, PinnTrainingLog? log, Stopwatch clock, FieldMlp? net = null)
    {
        double relL2 = atReference is null ? double.NaN : _scoreProbe!.RelativeL2(atReference);
        double steps;
        double first;
        double seconds;
        if (log is null)
        {
            bool reached = relL2 <= _s.TargetTraining.ErrorTarget;
            steps = reached ? 0 : double.NaN;
            first = steps;
            seconds = reached ? clock.Elapsed.TotalSeconds : double.NaN;
        }
        else
        {
            steps = log.StepsToTarget is int st ? st : double.NaN;
            first = log.FirstStepsToTarget is int ft ? ft : double.NaN;
            seconds = log.SecondsToTarget ?? double.NaN;
        }

        var values = new Dictionary<string, double>
        {
            ["rel_l2"] = relL2,
            ["peak_error"] = atReference is null ? double.NaN : _scoreProbe!.PeakErrorPercent(atReference),
            ["steps_to_target"] = steps,
            ["first_steps_to_target"] = first,
            ["seconds_to_target"] = seconds,
            [PhysicsResidualMetric] = net is null ? double.NaN : _residual.Value.Of(net),
        };
        if (_s.Data is { } data)
        {
            // Reported in the sensors' own unit: kelvin for an x_m,y_m,temperature_K file.
            double rmse = _heldOut!.Rmse(atHeldOut);
            values["sensor_rmse"] = data.Sensors.InKelvin ? rmse * data.Scale.KelvinPerTheta : rmse;
        }

        return values;
    }

    /// <summary>
    /// A fresh network with input scaling to the source cell's bounding box and the mirror feature on x, which
    /// makes both symmetry planes (x = 0, x = half pitch) exact.
    /// </summary>
    public FieldMlp NewNetwork(HeatSinkGeometry geometry, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        int[] sizes = [2, .. _s.Hidden, 1];
        var net = new FieldMlp(sizes, [geometry.HalfPitch / 2, geometry.Height / 2], [geometry.HalfPitch / 2, geometry.Height / 2], geometry.HalfPitch);
        net.Initialise(rng);
        return net;
    }

    private SensorData Subset(ReadOnlySpan<int> indices)
    {
        var pts = new double[2 * indices.Length];
        var theta = new double[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            pts[2 * k] = _pool.Points[2 * i];
            pts[(2 * k) + 1] = _pool.Points[(2 * i) + 1];
            theta[k] = _pool.Theta[i];
        }

        return new SensorData(pts, theta);
    }

    // Sensors at distinct random solid cell centres, values from the reference (with optional relative noise).
    private static SensorData DrawSensors(FieldProbe probe, int count, double noise, Rng rng)
    {
        int n = Math.Min(count, probe.Theta.Length);
        var perm = rng.Permutation(probe.Theta.Length);
        var pts = new double[2 * n];
        var theta = new double[n];
        for (int k = 0; k < n; k++)
        {
            int i = perm[k];
            pts[2 * k] = probe.Points[2 * i];
            pts[(2 * k) + 1] = probe.Points[(2 * i) + 1];
            theta[k] = probe.Theta[i] * (1 + (noise * rng.Normal()));
        }

        return new SensorData(pts, theta);
    }
}
