using BenchmarkDotNet.Attributes;
using SciTransfer.Transfer.Bench.Engine;

namespace SciTransfer.Benchmarks;

/// <summary>
/// The fuel-moisture LSTM, as <c>scitransfer bench lstm-step</c> (same <see cref="LstmStepFixture"/>):
/// one Adam training step on a batch of 64 x 48 h x 10 inputs (LSTM 10 -> 64, head 32-16-1 relu, MSE),
/// and a frozen forward pass over a 12,000-hour sequence.
/// </summary>
[MemoryDiagnoser]
public class LstmStepBenchmarks
{
    private LstmStepFixture _fixture = null!;

    /// <summary>Tape threads (matrix products split rows; results identical for any count).</summary>
    [Params(1)]
    public int Threads { get; set; } = 1;

    /// <summary>Builds the model and data (seed 0).</summary>
    [GlobalSetup]
    public void Setup() => _fixture = new LstmStepFixture(Threads, inferenceSteps: 12000);

    /// <summary>Forward, backward and Adam update; batch 64, 48 steps.</summary>
    [Benchmark]
    public double TrainStep() => _fixture.TrainStep();

    /// <summary>Frozen forward pass over one 12,000-step sequence.</summary>
    [Benchmark]
    public double Infer12000() => _fixture.Infer();
}
