using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.Transfer.Adaptation;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// The fuel-moisture repeat as an <see cref="IFeatureAdaptationInstance"/> (deep-coral, mmd, dann on the LSTM's hidden
/// state). Each of the <see cref="FuelMoistureOptions.FineTuneEpochs"/> Adam steps (at the target learning rate) sees
/// <list type="bullet">
/// <item>a minibatch of <see cref="SourceBatch"/> 48-h windows of the labelled source, drawn from the repeat's stream by
/// the step index (the same for every cell, so results do not depend on threads), and their masked MSE;</item>
/// <item>the whole target sequences of every pool station from a zero state (as predictions are made), with the masked
/// MSE at the cell's labelled weighings when n &gt; 0;</item>
/// <item>hidden features h_t [rows, H]: every 4th hour of the second day of each source window (after a day of
/// warm-up from the zero state), and about as many evenly spaced hours of the pool stations' observation window.</item>
/// </list>
/// </summary>
public sealed partial class FuelMoistureInstance : IFeatureAdaptationInstance
{
    /// <summary>Source windows per adaptation step.</summary>
    public const int SourceBatch = 32;

    private const int WindowHours = 48, WarmUpHours = 24, SourceFeatureStride = 4;

    private List<(int Sequence, int Start)>? _sourceWindows;
    private Tensor? _poolBatch;

    /// <summary>The fine-tune length, <see cref="FuelMoistureOptions.FineTuneEpochs"/> steps.</summary>
    public int AdaptationSteps => _o.FineTuneEpochs;

    /// <summary>The fine-tune learning rate.</summary>
    public double AdaptationLearningRate => _o.TargetLearningRate;

    /// <summary>The forward of step 0.</summary>
    public FeatureForward Forward(IModule model, Tape tape, ReadOnlySpan<int> targetIndices) => Forward(model, tape, targetIndices, 0);

    /// <summary>The forward of step <paramref name="step"/>: its source minibatch, the pool sequences, the subset's weighings.</summary>
    public FeatureForward Forward(IModule model, Tape tape, ReadOnlySpan<int> targetIndices, int step)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var net = AsNetwork(model);
        var (xs, ys, ws) = SourceMinibatch(step);
        var hs = net.Lstm.Forward(tape, tape.Constant(xs));
        var loss = Ops.MaskedMseLoss(net.ForwardHead(tape, hs), tape.Constant(ys), ws);

        var pool = PoolBatch();
        int stations = pool.Dim(0), length = pool.Dim(1), hidden = net.Hidden;
        var ht = net.Lstm.Forward(tape, tape.Constant(pool));
        if (TargetLabels(targetIndices, stations, length) is { } labels)
        {
            loss = Ops.Add(loss, Ops.MaskedMseLoss(net.ForwardHead(tape, ht), tape.Constant(labels.Y), labels.W));
        }

        return new FeatureForward(loss, SourceFeatures(hs, hidden), TargetFeatures(ht, stations, length, hidden));
    }

    /// <summary>Every 4th hour of the second day of each window: [B x 6, H].</summary>
    private static Var SourceFeatures(Var hs, int hidden)
    {
        int b = hs.Value.Dim(0), per = (WindowHours - WarmUpHours) / SourceFeatureStride;
        var day2 = Ops.Reshape(Ops.Slice(hs, 1, WarmUpHours, WindowHours - WarmUpHours), b, per, SourceFeatureStride, hidden);
        return Ops.Reshape(Ops.Slice(day2, 2, SourceFeatureStride - 1, 1), b * per, hidden);
    }

    /// <summary>Evenly spaced hours of the observation window (the whole sequence if it has none), about as many rows as the source's.</summary>
    private Var TargetFeatures(Var ht, int stations, int length, int hidden)
    {
        int from = _scenario.ObservationStart < length ? _scenario.ObservationStart : 0;
        int hours = length - from;
        int wanted = Math.Max(1, SourceBatch * (WindowHours - WarmUpHours) / SourceFeatureStride / stations);
        int stride = Math.Max(1, hours / wanted), per = hours / stride;
        var window = Ops.Reshape(Ops.Slice(ht, 1, from, per * stride), stations, per, stride, hidden);
        return Ops.Reshape(Ops.Slice(window, 2, stride - 1, 1), stations * per, hidden);
    }

    /// <summary>Step <paramref name="step"/>'s source windows (drawn with replacement): X [B, 48, 10], Y and W [B, 48, 1].</summary>
    private (Tensor X, Tensor Y, Tensor W) SourceMinibatch(int step)
    {
        var windows = _sourceWindows ??= Trainer.Windows(_scenario.SourceTrain, WindowHours, 1);
        if (windows.Count == 0)
        {
            throw new InvalidOperationException($"fuel-moisture: no {WindowHours}-h source window with an observation for the feature-level strategies (source sequences too short)");
        }

        var rng = _seeds.Child("feature-adaptation").Child(step).CreateRng();
        int inputs = Features.Count;
        var x = new Tensor(SourceBatch, WindowHours, inputs);
        var y = new Tensor(SourceBatch, WindowHours, 1);
        var w = new Tensor(SourceBatch, WindowHours, 1);
        for (int k = 0; k < SourceBatch; k++)
        {
            var (s, start) = windows[rng.NextInt(windows.Count)];
            var seq = _scenario.SourceTrain[s];
            seq.X.AsSpan(start * inputs, WindowHours * inputs).CopyTo(x.Span.Slice(k * WindowHours * inputs, WindowHours * inputs));
            seq.Y.AsSpan(start, WindowHours).CopyTo(y.Span.Slice(k * WindowHours, WindowHours));
            seq.W.AsSpan(start, WindowHours).CopyTo(w.Span.Slice(k * WindowHours, WindowHours));
        }

        return (x, y, w);
    }

    /// <summary>Every pool station's target-sequence inputs, [stations, length, 10] (built once).</summary>
    private Tensor PoolBatch()
    {
        if (_poolBatch is { } b)
        {
            return b;
        }

        int stations = _scenario.PoolInputs.Count, length = _scenario.TargetLength, inputs = Features.Count;
        var x = new Tensor(stations, length, inputs);
        for (int k = 0; k < stations; k++)
        {
            _scenario.PoolInputs[k].CopyTo(x.Span.Slice(k * length * inputs, length * inputs));
        }

        return _poolBatch = x;
    }

    /// <summary>The subset's fitted weighings as targets and weights [stations, length, 1] over the pool batch; null when none.</summary>
    private (Tensor Y, Tensor W)? TargetLabels(ReadOnlySpan<int> targetIndices, int stations, int length)
    {
        var y = new Tensor(stations, length, 1);
        var w = new Tensor(stations, length, 1);
        bool any = false;
        foreach (int i in targetIndices)
        {
            var ob = _scenario.Pool[i];
            if (_o.TargetClassHours == 1 && ob.Value > OneHourFitCeiling)
            {
                continue;
            }

            y[(ob.Station * length) + ob.Hour] = _scenario.Scaler.ScaleOutput(ob.Value);
            w[(ob.Station * length) + ob.Hour] = 1;
            any = true;
        }

        return any ? (y, w) : null;
    }
}
