using BenchmarkDotNet.Attributes;
using SciTransfer.Transfer.Bench.Engine;

namespace SciTransfer.Benchmarks;

/// <summary>
/// The PINN Poisson step, as <c>scitransfer bench pinn-step</c> (same <see cref="PinnStepFixture"/>):
/// MLP 2-50-50-50-50-1 tanh, forward-Laplacian residual at N points, backward, Adam.
/// </summary>
[MemoryDiagnoser]
public class PinnStepBenchmarks
{
    private PinnStepFixture _fixture = null!;

    /// <summary>Collocation points N (the peer torch_pinn.py uses 10,000).</summary>
    [Params(1000, 10000)]
    public int Points { get; set; } = 10000;

    /// <summary>Tape threads.</summary>
    [Params(1)]
    public int Threads { get; set; } = 1;

    /// <summary>Builds the network and points (seed 0).</summary>
    [GlobalSetup]
    public void Setup() => _fixture = new PinnStepFixture(Threads, Points);

    /// <summary>One Adam step on the mean squared Poisson residual.</summary>
    [Benchmark]
    public double Step() => _fixture.Step();
}
