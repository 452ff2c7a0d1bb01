using System.Diagnostics;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Problems;

/// <summary>
/// One repeat of <see cref="WaterToSodiumProblem"/>: reference solutions of both cases, the sodium sensor pool
/// (random solid cell centres) and the water sensors used in pre-training. Read-only after construction.
/// </summary>
public sealed class WaterToSodiumInstance : ProblemInstance
{
    private readonly WaterToSodiumProblem _problem;
    private readonly PinnStudySettings _s;
    private readonly int _repeat;
    private readonly FieldProbe _targetProbe;
    private readonly FieldProbe _sourceProbe;
    private readonly SensorData _pool;
    private readonly SensorData _sourceSensors;

    /// <summary>Solves both reference cases and draws the sensor positions.</summary>
    public WaterToSodiumInstance(WaterToSodiumProblem problem, ProblemContext context)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(context);
        _problem = problem;
        _s = problem.Settings;
        _repeat = context.Repeat;
        _targetProbe = new FieldProbe(HeatSinkSolver.Solve(_s.Target, _s.GridCellsPerUnit));
        _sourceProbe = new FieldProbe(HeatSinkSolver.Solve(_s.Source, _s.GridCellsPerUnit));
        _pool = DrawSensors(_targetProbe, _s.PoolSize, _s.SensorNoise, context.Seeds.Child("sodium-sensors").CreateRng());
        _sourceSensors = DrawSensors(_sourceProbe, _s.SourceSensors, _s.SensorNoise, context.Seeds.Child("water-sensors").CreateRng());
    }

    /// <inheritdoc/>
    public override int TargetPoolSize => _pool.Count;

    /// <summary>The target reference scorer.</summary>
    public FieldProbe TargetProbe => _targetProbe;

    /// <inheritdoc/>
    public override object? PretrainSource(SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var net = NewNetwork(_s.Source.Geometry, request.Seeds.Child("init").CreateRng());
        var task = new PinnTask(_s.Source, _sourceSensors);
        PinnTrainer.Train(net, task, _s.SourceTraining, request.Seeds.Child("train").CreateRng(), null, request.CancellationToken);
        return new SourceModel(net, _s.Source, _sourceProbe.RelativeL2(net, task));
    }

    /// <summary>Writes the water network with <see cref="PinnModelStore"/> (no optimizer state).</summary>
    public override bool SaveSource(object source, Stream destination)
    {
        if (source is not SourceModel model)
        {
            return false;
        }

        PinnModelStore.Save(model.Network, destination);
        return true;
    }

    /// <summary>Restores the water network; its case and error are recomputed from this repeat's data.</summary>
    public override object? LoadSource(Stream source)
    {
        var net = PinnModelStore.Load(source, "cached water model");
        return new SourceModel(net, _s.Source, _sourceProbe.RelativeL2(net, new PinnTask(_s.Source, _sourceSensors)));
    }

    /// <inheritdoc/>
    public override CellResult Run(CellRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.Source as SourceModel;
        string strategy = request.Strategy;
        var sensors = Subset(request.TargetIndices.Span);
        var task = new PinnTask(_s.Target, sensors, UsePhysics: strategy != "data-only");
        var rng = request.Seeds.Child("train").CreateRng();
        var clock = Stopwatch.StartNew();
        FieldMlp net;
        PinnTrainingLog? log = null;
        if (strategy == "source-only")
        {
            net = Require(source, strategy).Network;
        }
        else if (strategy is "scratch" or "data-only")
        {
            net = NewNetwork(_s.Source.Geometry, request.Seeds.Child("init").CreateRng());
            log = PinnTrainer.Train(net, task, _s.TargetTraining, rng, _targetProbe, request.CancellationToken);
        }
        else
        {
            net = Require(source, strategy).Network.Clone();
            var options = _s.TargetTraining with { LearningRate = _s.FineTuneLearningRate };
            if (strategy == "fine-tune-head")
            {
                options = options with { FrozenLayers = _s.HeadFrozenLayers };
            }
            else if (strategy == "fine-tune+lbfgs")
            {
                options = options with { LbfgsSteps = _s.LbfgsSteps };
            }
            else if (strategy.StartsWith("fine-tune+", StringComparison.Ordinal))
            {
                options = options with { Balancing = strategy["fine-tune+".Length..] };
            }

            log = PinnTrainer.Train(net, task, options, rng, _targetProbe, request.CancellationToken);
        }

        var predicted = _targetProbe.Predict(net, task);
        double relL2 = _targetProbe.RelativeL2(predicted);
        double steps;
        double seconds;
        if (log is null)
        {
            bool reached = relL2 <= _s.TargetTraining.ErrorTarget;
            steps = reached ? 0 : double.NaN;
            seconds = reached ? clock.Elapsed.TotalSeconds : double.NaN;
        }
        else
        {
            steps = log.StepsToTarget is int st ? st : double.NaN;
            seconds = log.SecondsToTarget ?? double.NaN;
        }

        var values = new Dictionary<string, double>
        {
            ["rel_l2"] = relL2,
            ["peak_error"] = _targetProbe.PeakErrorPercent(predicted),
            ["steps_to_target"] = steps,
            ["seconds_to_target"] = seconds,
        };
        var figures = _repeat == 0 && request.N == _s.FigureN && strategy == _s.FigureStrategy
            ? HeatSinkFigures.FieldComparison(_problem.Name, strategy, request.N, _targetProbe.Reference, net, task)
            : null;
        return new CellResult(values, figures);
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

    private static SourceModel Require(SourceModel? source, string strategy) =>
        source ?? throw new InvalidOperationException($"heat-sink: strategy '{strategy}' needs the pre-trained water model, but none was given");

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
