using System.Globalization;
using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// The fuel-moisture LSTM training step of shared/peers/torch_lstm.py: LSTM(10 -> 64) then
/// Dense 32 relu, Dense 16 relu, Dense 1 on every hour, batch 64 x 48 h, MSE, Adam; and a forward
/// pass over one 12,000-hour sequence. float64 only.
/// </summary>
public sealed class LstmStepWorkload : IBenchWorkload
{
    /// <inheritdoc />
    public string Name => "lstm-step";

    /// <inheritdoc />
    public string Description => "LSTM(10->64)+head training step (batch 64, 48 steps, Adam) and a 12k-step inference, like torch_lstm.py";

    /// <inheritdoc />
    public IReadOnlyList<string> OptionKeys { get; } = ["threads", "reps"];

    /// <inheritdoc />
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        int threads = arguments.Threads;
        int reps = arguments.GetInt("reps", 20);
        var rng = new Rng(0);
        var lstm = new Lstm("lstm", 10, 64, rng);
        var head = new Mlp("head", [64, 32, 16, 1], Activation.Relu, rng);
        var parameters = lstm.Parameters.Concat(head.Parameters).ToArray();
        var adam = new Adam(parameters, 1e-3);
        var x = new Tensor(64, 48, 10);
        var y = new Tensor(64, 48, 1);
        rng.FillNormal(x.Span);
        rng.FillNormal(y.Span);
        var tape = new Tape { Threads = threads };
        void Step()
        {
            tape.Reset();
            adam.ZeroGrad();
            var pred = head.Forward(tape, lstm.Forward(tape, tape.Constant(x)));
            tape.Backward(Ops.MseLoss(pred, tape.Constant(y)));
            adam.Step();
        }

        double ms = BenchTiming.MedianMs(Step, 3, reps, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm_train_step_b64_t48_h64 float64 threads={threads} ms={ms:F3}"));

        var xs = new Tensor(1, 12000, 10);
        rng.FillNormal(xs.Span);
        void Infer()
        {
            tape.Reset();
            head.Forward(tape, lstm.Forward(tape, tape.Constant(xs)));
        }

        lstm.SetFrozen(true);
        head.SetFrozen(true);
        double msInfer = BenchTiming.MedianMs(Infer, 3, Math.Max(3, reps / 4), cancellationToken);
        lstm.SetFrozen(false);
        head.SetFrozen(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm_infer_seq12000 float64 threads={threads} ms={msInfer:F3}"));
    }
}
