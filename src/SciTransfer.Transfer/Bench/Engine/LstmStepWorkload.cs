using System.Globalization;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// The fuel-moisture LSTM training step of shared/peers/torch_lstm.py (<see cref="LstmStepFixture"/>):
/// LSTM(10 -> 64) then Dense 32 relu, Dense 16 relu, Dense 1 on every hour, batch 64 x 48 h, MSE, Adam;
/// and a forward pass over one 12,000-hour sequence. float64 only. <c>--device gpu|ilgpu-cpu</c> times the
/// training step on an ILGPU accelerator instead (<see cref="DeviceLstmStep"/>).
/// </summary>
public sealed class LstmStepWorkload : IBenchWorkload
{
    /// <inheritdoc />
    public string Name => "lstm-step";

    /// <inheritdoc />
    public string Description => "LSTM(10->64)+head training step (batch 64, 48 steps, Adam) and a 12k-step inference, like torch_lstm.py";

    /// <inheritdoc />
    public IReadOnlyList<string> OptionKeys { get; } = ["threads", "reps", "device"];

    /// <inheritdoc />
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        int threads = arguments.Threads;
        int reps = arguments.GetInt("reps", 20);
        string device = arguments.GetString("device", "cpu");
        if (device != "cpu")
        {
            // The ILGPU path (DeviceLstmTrainer): training step only; inference has no device version.
            DeviceLstmStep.Run(device, reps, output, cancellationToken);
            return;
        }

        var fixture = new LstmStepFixture(threads);
        double ms = BenchTiming.MedianMs(() => fixture.TrainStep(), 3, reps, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm_train_step_b64_t48_h64 float64 threads={threads} ms={ms:F3}"));

        double msInfer = BenchTiming.MedianMs(() => fixture.Infer(), 3, Math.Max(3, reps / 4), cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm_infer_seq12000 float64 threads={threads} ms={msInfer:F3}"));
    }
}
