using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Diagnostics;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// The model, optimizer and fixed random data of the lstm-step workload (shared/peers/torch_lstm.py):
/// LSTM(10 -> 64) then Dense 32 relu, Dense 16 relu, Dense 1 on every hour, a batch of 64 x 48 h, MSE,
/// Adam (lr 1e-3); plus one inference sequence. Used by <c>scitransfer bench lstm-step</c> and by the
/// BenchmarkDotNet project so both time the same code. Owns one tape: not thread-safe.
/// </summary>
public sealed class LstmStepFixture
{
    /// <summary>Sequences per training batch.</summary>
    public const int Batch = 64;

    /// <summary>Time steps (hours) per training sequence.</summary>
    public const int Steps = 48;

    /// <summary>Input features per time step.</summary>
    public const int Inputs = 10;

    /// <summary>LSTM hidden width.</summary>
    public const int Hidden = 64;

    private readonly Lstm _lstm;
    private readonly Mlp _head;
    private readonly Adam _adam;
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly Tensor _sequence;
    private readonly Tape _tape;

    /// <summary>Builds the model (seed 0), the batch x [64, 48, 10], targets [64, 48, 1] and a sequence [1, <paramref name="inferenceSteps"/>, 10].</summary>
    public LstmStepFixture(int threads = 1, int inferenceSteps = 12000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inferenceSteps, 1);
        var rng = new Rng(0);
        _lstm = new Lstm("lstm", Inputs, Hidden, rng);
        _head = new Mlp("head", [Hidden, 32, 16, 1], Activation.Relu, rng);
        _adam = new Adam(_lstm.Parameters.Concat(_head.Parameters).ToArray(), 1e-3);
        _x = new Tensor(Batch, Steps, Inputs);
        _y = new Tensor(Batch, Steps, 1);
        rng.FillNormal(_x.Span);
        rng.FillNormal(_y.Span);
        _sequence = new Tensor(1, inferenceSteps, Inputs);
        rng.FillNormal(_sequence.Span);
        _tape = new Tape { Threads = threads };
    }

    /// <summary>The LSTM layer (seed 0), for the device version of the step.</summary>
    internal Lstm Lstm => _lstm;

    /// <summary>The head, for the device version of the step.</summary>
    internal Mlp Head => _head;

    /// <summary>The training batch x [64, 48, 10].</summary>
    internal Tensor X => _x;

    /// <summary>The targets [64, 48, 1].</summary>
    internal Tensor Y => _y;

    /// <summary>One training step: forward, MSE, backward, Adam update. Returns the loss before the update.</summary>
    public double TrainStep() => TrainStep(default);

    /// <summary>
    /// <see cref="TrainStep()"/>, adding the <see cref="EngineProfile.Now"/> nanoseconds of its forward (reset, zero-grad, LSTM,
    /// head, loss), backward and Adam sections to <paramref name="sectionTicks"/> (3 elements) when given.
    /// </summary>
    public double TrainStep(Span<long> sectionTicks)
    {
        long t0 = EngineProfile.Now();
        _tape.Reset();
        _adam.ZeroGrad();
        var pred = _head.Forward(_tape, _lstm.Forward(_tape, _tape.Constant(_x)));
        var loss = Ops.MseLoss(pred, _tape.Constant(_y));
        long t1 = EngineProfile.Now();
        _tape.Backward(loss);
        long t2 = EngineProfile.Now();
        _adam.Step();
        if (!sectionTicks.IsEmpty)
        {
            long t3 = EngineProfile.Now();
            sectionTicks[0] += t1 - t0;
            sectionTicks[1] += t2 - t1;
            sectionTicks[2] += t3 - t2;
        }

        return loss.Value[0];
    }

    /// <summary>Forward pass over the inference sequence with frozen parameters; returns the last prediction.</summary>
    public double Infer()
    {
        _lstm.SetFrozen(true);
        _head.SetFrozen(true);
        try
        {
            _tape.Reset();
            var pred = _head.Forward(_tape, _lstm.Forward(_tape, _tape.Constant(_sequence)));
            return pred.Value[pred.Value.Length - 1];
        }
        finally
        {
            _lstm.SetFrozen(false);
            _head.SetFrozen(false);
        }
    }
}
