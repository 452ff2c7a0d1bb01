using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Gpu;
using SciTransfer.Core.Gpu.Pinn;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Gpu;

/// <summary>
/// The device PINN trainer on ILGPU's CPU accelerator against the CPU engine (forward-Laplacian tape, Optim.Adam):
/// an independent implementation of the same loss (interior Poisson residual, Dirichlet boundary, Robin boundary).
/// </summary>
public class DevicePinnTrainerTests
{
    private static readonly int[] Widths = [2, 8, 8, 1];

    /// <summary>Three point sets: Poisson interior (Ni), Dirichlet (Nb, weight 3), Robin with per-point normals (Nr, weight 0.5).</summary>
    private sealed class Problem
    {
        public Problem(int interior, int boundary, int robin, int seed)
        {
            var rng = new System.Random(seed);
            Xi = Points(rng, interior);
            F = [.. Enumerable.Range(0, interior).Select(_ => rng.NextDouble() * 4 - 2)];
            Xb = Points(rng, boundary);
            G = [.. Enumerable.Range(0, boundary).Select(_ => rng.NextDouble() - 0.5)];
            Xr = Points(rng, robin);
            Normal = new double[robin * 2];
            for (int p = 0; p < robin; p++)
            {
                double a = rng.NextDouble() * 2 * Math.PI;
                Normal[2 * p] = Math.Cos(a);
                Normal[(2 * p) + 1] = Math.Sin(a);
            }
        }

        public double[] Xi { get; }

        public double[] F { get; }

        public double[] Xb { get; }

        public double[] G { get; }

        public double[] Xr { get; }

        public double[] Normal { get; }

        public const double BoundaryWeight = 3.0, RobinWeight = 0.5, Biot = 1.7, RobinConstant = -0.4;

        private static double[] Points(System.Random rng, int n) => [.. Enumerable.Range(0, 2 * n).Select(_ => rng.NextDouble() * 2 - 1)];

        /// <summary>The loss on the CPU tape; parameter gradients left in Parameter.Grad.</summary>
        public double CpuLoss(Mlp net, Tape tape)
        {
            int ni = F.Length, nb = G.Length, nr = Normal.Length / 2;
            var di = net.ForwardWithDerivatives(tape, Tensor.FromArray(Xi, ni, 2));
            var interior = Ops.Mean(Ops.Square(di.Laplacian + tape.Constant(Tensor.FromArray(F, ni, 1))));
            var db = net.ForwardWithDerivatives(tape, Tensor.FromArray(Xb, nb, 2));
            var boundary = Ops.Mean(Ops.Square(db.Value - tape.Constant(Tensor.FromArray(G, nb, 1)))) * BoundaryWeight;
            var dr = net.ForwardWithDerivatives(tape, Tensor.FromArray(Xr, nr, 2));
            double[] nx = [.. Enumerable.Range(0, nr).Select(p => Normal[2 * p])];
            double[] ny = [.. Enumerable.Range(0, nr).Select(p => Normal[(2 * p) + 1])];
            var flux = (dr.Gradient[0] * tape.Constant(Tensor.FromArray(nx, nr, 1))) + (dr.Gradient[1] * tape.Constant(Tensor.FromArray(ny, nr, 1)));
            var robin = Ops.Mean(Ops.Square(flux + (dr.Value * Biot) + RobinConstant)) * RobinWeight;
            var loss = interior + boundary + robin;
            tape.Backward(loss);
            return loss.Value[0];
        }

        /// <summary>The same loss as a device point set.</summary>
        public PinnPointSet DevicePoints()
        {
            int ni = F.Length, nb = G.Length, nr = Normal.Length / 2;
            var interior = PinnPointSet.FromCoordinates(Xi, 2);
            for (int p = 0; p < ni; p++)
            {
                interior.SetResidual(p, 0, [0, 0], 1, F[p], 1.0 / ni);
            }

            var boundary = PinnPointSet.FromCoordinates(Xb, 2);
            for (int p = 0; p < nb; p++)
            {
                boundary.SetResidual(p, 1, [0, 0], 0, -G[p], BoundaryWeight / nb);
            }

            var robin = PinnPointSet.FromCoordinates(Xr, 2);
            for (int p = 0; p < nr; p++)
            {
                robin.SetResidual(p, Biot, [Normal[2 * p], Normal[(2 * p) + 1]], 0, RobinConstant, RobinWeight / nr);
            }

            return PinnPointSet.Concat([interior, boundary, robin]);
        }
    }

    private static Mlp Network(int seed)
    {
        var net = new Mlp("pinn", Widths, Activation.Tanh, new Rng((ulong)seed));
        var rng = new System.Random(seed);
        foreach (var p in net.Parameters.Where(p => p.Name.EndsWith(".bias", StringComparison.Ordinal)))
        {
            // Non-zero biases, so every bias gradient is exercised away from the symmetric start.
            for (int i = 0; i < p.Value.Length; i++)
            {
                p.Value[i] = rng.NextDouble() - 0.5;
            }
        }

        return net;
    }

    private static double[] Flat(IEnumerable<Parameter> ps, bool grad) =>
        [.. ps.SelectMany(p => (grad ? p.Grad : p.Value).Span.ToArray())];

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]);
            Assert.True(err <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"{what}[{i}]: cpu {expected[i]:R}, device {actual[i]:R}, |diff| {err:E2}");
        }
    }

    [Fact]
    public void The_kernels_tanh_is_within_a_few_ulp_of_math_tanh_at_the_pinn_edge_arguments()
    {
        var rng = new System.Random(5);
        double[] xs = [0, -0.0, 1e-300, -1e-8, 0.3, 0.6249, 0.625, -0.7, 1, 3.5, -10, 19.06, 21.9, 22.1, -40, 700];
        foreach (double x in xs.Concat(Enumerable.Range(0, 2000).Select(_ => (rng.NextDouble() - 0.5) * 12)))
        {
            double expected = Math.Tanh(x), actual = SciTransfer.Core.Gpu.Lstm.DeviceMath.Tanh(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(expected - actual) <= 4 * ulp, $"tanh({x:R}): {actual:R} vs {expected:R}");
        }

        Assert.True(double.IsNaN(SciTransfer.Core.Gpu.Lstm.DeviceMath.Tanh(double.NaN)));
    }

    [Fact]
    public void Loss_and_every_gradient_equal_the_cpu_engine()
    {
        var problem = new Problem(32, 12, 10, seed: 1);
        var net = Network(2);
        var tape = new Tape();
        double cpuLoss = problem.CpuLoss(net, tape);

        using var trainer = new DevicePinnTrainer(EngineDevices.Acquire(EngineDevices.IlgpuCpu), Widths, 2);
        trainer.SetParameters(net.Parameters);
        trainer.SetPoints(problem.DevicePoints());
        trainer.ComputeGradients();
        Assert.True(Math.Abs(trainer.Loss() - cpuLoss) <= 1e-10 * Math.Max(1, cpuLoss), $"loss cpu {cpuLoss:R} device {trainer.Loss():R}");
        double[] g = trainer.GetGradients();
        AssertClose(Flat(net.Parameters, grad: true), g, 1e-10, "gradient");
        Assert.True(g.Max(Math.Abs) > 1e-3, "the gradient is not trivially zero");
    }

    [Fact]
    public void The_gradient_is_bit_identical_across_calls_and_sums_several_chunks_in_order()
    {
        // 300 interior points: two chunks of 256 (the second partial); compared with the CPU as well.
        var problem = new Problem(300, 5, 3, seed: 7);
        var net = Network(8);
        double cpuLoss = problem.CpuLoss(net, new Tape());
        using var trainer = new DevicePinnTrainer(EngineDevices.Acquire(EngineDevices.IlgpuCpu), Widths, 2);
        trainer.SetParameters(net.Parameters);
        trainer.SetPoints(problem.DevicePoints());
        trainer.ComputeGradients();
        double[] first = trainer.GetGradients();
        double loss = trainer.Loss();
        trainer.ComputeGradients();
        Assert.Equal(first, trainer.GetGradients());
        Assert.Equal(loss, trainer.Loss());
        Assert.True(Math.Abs(loss - cpuLoss) <= 1e-10 * Math.Max(1, cpuLoss));
        AssertClose(Flat(net.Parameters, grad: true), first, 1e-10, "gradient");
    }

    [Fact]
    public void Several_adam_steps_equal_the_cpu_trainer_parameters()
    {
        var problem = new Problem(32, 12, 10, seed: 3);
        var cpuNet = Network(4);
        var devNet = Network(4);
        var adam = new Adam(cpuNet.Parameters, 0.01);
        var tape = new Tape();

        using var trainer = new DevicePinnTrainer(EngineDevices.Acquire(EngineDevices.IlgpuCpu), Widths, 2, learningRate: 0.01);
        trainer.SetParameters(devNet.Parameters);
        trainer.SetPoints(problem.DevicePoints());
        for (int step = 0; step < 5; step++)
        {
            tape.Reset();
            adam.ZeroGrad();
            double cpuLoss = problem.CpuLoss(cpuNet, tape);
            adam.Step();
            double devLoss = trainer.Step();
            Assert.True(Math.Abs(devLoss - cpuLoss) <= 1e-10 * Math.Max(1, cpuLoss), $"step {step}: loss cpu {cpuLoss:R} device {devLoss:R}");
        }

        AssertClose(Flat(cpuNet.Parameters, grad: false), trainer.GetParameters(), 1e-10, "parameter");
        trainer.CopyParametersTo(devNet.Parameters);
        AssertClose(Flat(cpuNet.Parameters, grad: false), Flat(devNet.Parameters, grad: false), 1e-10, "copied parameter");
        Assert.NotEqual(Flat(Network(4).Parameters, grad: false), Flat(devNet.Parameters, grad: false));
    }

    [Fact]
    public void Mismatched_points_or_parameters_are_rejected_with_the_sizes()
    {
        using var trainer = new DevicePinnTrainer(EngineDevices.Acquire(EngineDevices.IlgpuCpu), Widths, 2);
        var e = Assert.Throws<ArgumentException>(() => trainer.SetParameters(new double[3]));
        Assert.Contains("3 parameters given, the network has 105", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => trainer.SetPoints(new PinnPointSet(4, 3, 2)));
        Assert.Throws<InvalidOperationException>(trainer.ComputeGradients);
        Assert.Throws<ArgumentException>(() => new DevicePinnTrainer(EngineDevices.Acquire(EngineDevices.IlgpuCpu), [2, 8, 2], 2));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Trainers_on_one_shared_accelerator_from_parallel_threads_give_the_sequential_results()
    {
        // Cells of a study run in parallel and share the process-wide accelerator.
        var problems = Enumerable.Range(0, 3).Select(i => new Problem(40, 8, 6, seed: 20 + i)).ToArray();
        double[][] Run(int i)
        {
            using var trainer = new DevicePinnTrainer(EngineDevices.Acquire(EngineDevices.IlgpuCpu), Widths, 2, learningRate: 0.01);
            trainer.SetParameters(Network(30 + i).Parameters);
            trainer.SetPoints(problems[i].DevicePoints());
            double[] losses = [.. Enumerable.Range(0, 4).Select(_ => trainer.Step())];
            return [losses, trainer.GetParameters()];
        }

        var sequential = Enumerable.Range(0, 3).Select(Run).ToArray();
        var parallel = new double[3][][];
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => parallel[i] = Run(i));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(sequential[i][0], parallel[i][0]);
            Assert.Equal(sequential[i][1], parallel[i][1]);
        }
    }
}
