using System.Globalization;
using SciTransfer.Core.Diagnostics;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// The fuel-moisture LSTM training step of shared/peers/torch_lstm.py (<see cref="LstmStepFixture"/>):
/// LSTM(10 -> 64) then Dense 32 relu, Dense 16 relu, Dense 1 on every hour, batch 64 x 48 h, MSE, Adam;
/// and a forward pass over one 12,000-hour sequence. float64 only. <c>--device gpu|ilgpu-cpu</c> times the
/// training step on an ILGPU accelerator instead (<see cref="DeviceLstmStep"/>).
/// </summary>
public sealed class LstmStepWorkload : IBenchWorkload
{
    // Products per step (2 m n k flops): forward T x [B, in+H+1] x [in+H+1, 4H]; recurrent (T-1) x [B, 4H] x [4H, H];
    // weights [4H, T B] x [T B, in+H+1].
    private const int B = LstmStepFixture.Batch, T = LstmStepFixture.Steps, Hd = LstmStepFixture.Hidden, Kb = LstmStepFixture.Inputs + Hd + 1;

    private static readonly EngineProfileReport.PhaseRow[] Phases =
    [
        new(EnginePhase.LstmPack, 0, 0),
        new(EnginePhase.LstmGemmForward, 0, 2.0 * T * B * Kb * 4 * Hd),
        new(EnginePhase.LstmCellForward, 0, 0),
        new(EnginePhase.LstmGateBackward, 1, 0),
        new(EnginePhase.LstmGemmRecurrent, 1, 2.0 * (T - 1) * B * 4 * Hd * Hd),
        new(EnginePhase.LstmGemmWeights, 1, 2.0 * 4 * Hd * T * B * Kb),
        new(EnginePhase.AdamStep, 2, 0),
    ];

    /// <inheritdoc />
    public string Name => "lstm-step";

    /// <inheritdoc />
    public string Description => "LSTM(10->64)+head training step (batch 64, 48 steps, Adam) and a 12k-step inference, like torch_lstm.py";

    /// <inheritdoc />
    public IReadOnlyList<string> OptionKeys { get; } = ["threads", "reps", "profile", "device"];

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
        int profileSteps = arguments.GetInt("profile", int.MaxValue);
        if (profileSteps != int.MaxValue)
        {
            EngineProfileReport.Run(Name, fixture.TrainStep, profileSteps, Phases, output, cancellationToken);
        }
    }
}
