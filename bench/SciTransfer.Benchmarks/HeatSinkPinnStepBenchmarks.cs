using BenchmarkDotNet.Attributes;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;

namespace SciTransfer.Benchmarks;

/// <summary>
/// The heat-sink domain's PINN training path (on the core engine) on the peer's Poisson step, as
/// <c>scitransfer bench heat-sink-pinn-step</c> (set-up mirrors src/SciTransfer.HeatSink/Bench/PinnStepBench.cs,
/// which keeps it inside its Run method): MLP 2-50-50-50-50-1 tanh (<see cref="FieldMlp"/>), residual
/// lap(u) + f at N uniform points, f = 2 pi^2 sin(pi x) sin(pi y), loss mean r^2 and its gradient
/// (<see cref="PinnTrainer.Evaluate"/>), one Adam step. Compare with <see cref="PinnStepBenchmarks"/> (core engine).
/// </summary>
[MemoryDiagnoser]
public class HeatSinkPinnStepBenchmarks
{
    private FieldMlp _net = null!;
    private ResidualSet _set = null!;
    private Adam _adam = null!;
    private MlpWorkspace _workspace = null!;
    private List<double[]> _residuals = [];
    private List<double[]> _gradients = [];
    private double[] _losses = [];

    /// <summary>Collocation points N (the peer torch_pinn.py uses 10,000).</summary>
    [Params(1000, 10000)]
    public int Points { get; set; } = 10000;

    /// <summary>Builds the network (seed 0), the points and the Poisson residual set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int n = Points;
        var rng = new Rng(0);
        _net = new FieldMlp([2, 50, 50, 50, 50, 1], [0, 0], [1, 1]);
        _net.Initialise(rng);
        var pts = new double[2 * n];
        rng.FillUniform(pts, 0, 1);
        _set = new ResidualSet("pde", pts, DerivativeOrder.Laplacian);
        for (int b = 0; b < n; b++)
        {
            _set.Lap[b] = 1;
            _set.Constant[b] = 2 * Math.PI * Math.PI * Math.Sin(Math.PI * pts[2 * b]) * Math.Sin(Math.PI * pts[(2 * b) + 1]);
        }

        _adam = new Adam(_net.Parameters, 1e-3);
        _workspace = new MlpWorkspace();
        _residuals = [new double[n]];
        _gradients = [new double[_net.ParameterCount]];
        _losses = new double[1];
    }

    /// <summary>Residuals, loss and gradient, then one Adam step; returns the loss before the step.</summary>
    [Benchmark]
    public double Step()
    {
        PinnTrainer.Evaluate(_net, [_set], _workspace, _residuals, _losses, _gradients);
        _net.SetGradients(_gradients[0]);
        _adam.Step();
        return _losses[0];
    }
}
