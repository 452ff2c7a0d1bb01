using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Diagnostics;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// The network, optimizer and collocation points of the pinn-step workload (shared/peers/torch_pinn.py):
/// MLP 2-50-50-50-50-1 tanh, 2-D Poisson residual u_xx + u_yy + f = 0 with f = 2 pi^2 sin(pi x) sin(pi y)
/// at N uniform points in the unit square, Adam (lr 1e-3). The Laplacian comes from the forward-Laplacian
/// pass (one stacked [4N, 50] x [50, 50] product per hidden layer). Used by <c>scitransfer bench pinn-step</c>
/// and by the BenchmarkDotNet project so both time the same code. Owns one tape: not thread-safe.
/// </summary>
public sealed class PinnStepFixture
{
    private readonly Mlp _net;
    private readonly Adam _adam;
    private readonly Tensor _xy;
    private readonly Tensor _f;
    private readonly Tape _tape;

    /// <summary>Builds the network (seed 0) and <paramref name="points"/> collocation points [N, 2] with their sources [N, 1].</summary>
    public PinnStepFixture(int threads = 1, int points = 10000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        Points = points;
        (_net, _xy, _f) = Build(points);
        _adam = new Adam(_net.Parameters, LearningRate);
        _tape = new Tape { Threads = threads };
    }

    /// <summary>The network's widths.</summary>
    public static int[] Widths { get; } = [2, 50, 50, 50, 50, 1];

    /// <summary>The step's learning rate.</summary>
    public const double LearningRate = 1e-3;

    /// <summary>The network (seed 0), points x [N, 2] uniform in the unit square and sources f [N, 1]: shared with <see cref="DevicePinnStepFixture"/>.</summary>
    public static (Mlp Net, Tensor Xy, Tensor F) Build(int points)
    {
        var rng = new Rng(0);
        var net = new Mlp("pinn", Widths, Activation.Tanh, rng);
        var xy = new Tensor(points, 2);
        rng.FillUniform(xy.Span, 0, 1);
        var f = new Tensor(points, 1);
        for (int i = 0; i < points; i++)
        {
            f[i] = 2 * Math.PI * Math.PI * Math.Sin(Math.PI * xy[i, 0]) * Math.Sin(Math.PI * xy[i, 1]);
        }

        return (net, xy, f);
    }

    /// <summary>The network's parameters (for comparing with the device fixture).</summary>
    public IReadOnlyList<Parameter> Parameters => _net.Parameters;

    /// <summary>Collocation points N.</summary>
    public int Points { get; }

    /// <summary>One Adam step on the mean squared residual; returns the loss before the update.</summary>
    public double Step() => Step(default);

    /// <summary>
    /// <see cref="Step()"/>, adding the <see cref="EngineProfile.Now"/> nanoseconds of its forward (reset, zero-grad, forward
    /// Laplacian, loss), backward and Adam sections to <paramref name="sectionTicks"/> (3 elements) when given.
    /// </summary>
    public double Step(Span<long> sectionTicks)
    {
        long t0 = EngineProfile.Now();
        _tape.Reset();
        _adam.ZeroGrad();
        var d = _net.ForwardWithDerivatives(_tape, _xy);
        var loss = Ops.Mean(Ops.Square(d.Laplacian + _tape.Constant(_f)));
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
}
