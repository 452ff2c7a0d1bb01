using System.Diagnostics;
using SciTransfer.Core.Gpu.Pinn;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>Where one run's model lives on the device: a <see cref="DevicePinnTrainer"/>, or one slot of a <see cref="DevicePinnBatchTrainer"/>.</summary>
internal interface IDevicePinnSlot
{
    /// <summary>Replaces the model's point set.</summary>
    void SetPoints(PinnPointSet points);

    /// <summary>Downloads the model's parameters into <paramref name="parameters"/> (the network's, in order).</summary>
    void CopyParametersTo(IReadOnlyList<Parameter> parameters);
}

/// <summary>
/// The host side of one device PINN training (<see cref="DevicePinnTraining.Train"/> alone, or one cell of a batch,
/// <see cref="DevicePinnBatching"/>): the point sets drawn from the run's RNG, the probes every EvalEvery steps and
/// the stop at the target, the learning-rate decay, the log and the fresh or adaptive points. The device step itself
/// is the caller's, so one run gives the same log whether its model trains alone or with others.
/// Use: <see cref="Prepare"/> (null: the run has ended), the device step, <see cref="Record"/>; repeat.
/// </summary>
internal sealed class DevicePinnRun
{
    private readonly FieldMlp _net;
    private readonly PinnTask _task;
    private readonly PinnTrainingOptions _options;
    private readonly Rng _rng;
    private readonly FieldProbe? _probe;
    private readonly CancellationToken _ct;
    private readonly List<ResidualSet> _sets;
    private readonly double[] _weights;
    private readonly Stopwatch _clock;
    private readonly MlpWorkspace _ws = new();
    private int _step;

    /// <summary>Draws the point sets (as <see cref="PinnTrainer.Train"/>); a run without any ends here, probed at step 0.</summary>
    public DevicePinnRun(FieldMlp net, PinnTask task, PinnTrainingOptions options, Rng rng, FieldProbe? probe, CancellationToken ct)
    {
        _net = net;
        _task = task;
        _options = options;
        _rng = rng;
        _probe = probe;
        _ct = ct;
        _sets = PinnConstraints.Build(task, options.InteriorPoints, options.BoundaryPoints, rng);
        Log.Terms.AddRange(_sets.Select(s => s.Name));
        _clock = Stopwatch.StartNew();
        _weights = [.. Enumerable.Repeat(1.0, _sets.Count)];
        if (_sets.Count == 0)
        {
            PinnTrainer.Probe(net, task, probe, options, Log, 0, _clock);
            Done = true;
            return;
        }

        // The CPU trainer hands the balancer a split of the RNG; split it here too so later draws (fresh points) match.
        _ = rng.Split();
    }

    /// <summary>The log so far (complete once <see cref="Done"/>).</summary>
    public PinnTrainingLog Log { get; } = new();

    /// <summary>True once the run has ended (its steps done, its target reached, or no points at all).</summary>
    public bool Done { get; private set; }

    /// <summary>The network trained (its parameters are the device's after the run).</summary>
    public FieldMlp Net => _net;

    /// <summary>The current sets as one device point set.</summary>
    public PinnPointSet Points() => DevicePinnTraining.Points(_net, _sets, _weights);

    /// <summary>The trainable mask: 0 for frozen parameters (their flags and the leading frozen layers), 1 elsewhere.</summary>
    public double[] Mask()
    {
        var mask = new List<double>();
        var parameters = _net.Network.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            bool frozen = parameters[i].Frozen || i / 2 < _options.FrozenLayers;
            mask.AddRange(Enumerable.Repeat(frozen ? 0.0 : 1.0, parameters[i].Count));
        }

        return [.. mask];
    }

    /// <summary>
    /// Before the next step: ends the run after its last step (parameters downloaded, final probe) or when a due probe
    /// meets the target with StopAtTarget, returning null; else returns the step's learning rate. Throws when cancelled.
    /// </summary>
    public double? Prepare(IDevicePinnSlot slot)
    {
        if (_step >= _options.Steps)
        {
            Log.Steps = _options.Steps;
            slot.CopyParametersTo(_net.Network.Parameters);
            PinnTrainer.Probe(_net, _task, _probe, _options, Log, Log.Steps, _clock);
            Done = true;
            return null;
        }

        _ct.ThrowIfCancellationRequested();
        if (_step % _options.EvalEvery == 0 && _probe is not null)
        {
            slot.CopyParametersTo(_net.Network.Parameters);
            if (PinnTrainer.Probe(_net, _task, _probe, _options, Log, _step, _clock) && _options.StopAtTarget)
            {
                Log.Steps = _step;
                Done = true;
                return null;
            }
        }

        return _options.LearningRate * Math.Pow(_options.LearningRateDecay, _step / (double)Math.Max(1, _options.Steps - 1));
    }

    /// <summary>After the step: logs its loss and draws fresh or adaptive points when due (uploaded through <paramref name="slot"/>).</summary>
    public void Record(double loss, IDevicePinnSlot slot)
    {
        Log.Loss.Add(loss);
        Log.Weights.Add([.. _weights]);
        bool fresh = _options.FreshPointsEvery > 0 && (_step + 1) % _options.FreshPointsEvery == 0 && _task.UsePhysics;
        bool resample = !fresh && _options.ResampleEvery > 0 && (_step + 1) % _options.ResampleEvery == 0 && _task.UsePhysics;
        if (fresh)
        {
            var next = PinnConstraints.Build(_task, _options.InteriorPoints, _options.BoundaryPoints, _rng);
            for (int k = 0; k < _sets.Count; k++)
            {
                _sets[k] = next[k];
            }

            slot.SetPoints(Points());
        }
        else if (resample)
        {
            slot.CopyParametersTo(_net.Network.Parameters);
            _sets[0] = PinnConstraints.Pde(PinnTrainer.AdaptiveInterior(_net, _task.Case.Geometry, _options.InteriorPoints, _options.AdaptiveFraction, _rng, _ws), _task.ThetaScale);
            slot.SetPoints(Points());
        }

        _step++;
    }
}
