using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Tests;

/// <summary>The label-free metric physics_residual (<see cref="PhysicsResidual"/>).</summary>
public sealed class PhysicsResidualTests
{
    private const double Biot = 1.3;

    private static readonly HeatSinkGeometry Cell = HeatSinkGeometry.Default;

    private static PinnTask Task() => new(new HeatSinkCase(Cell, Biot), SensorData.Empty);

    // u* = exp(x) sin(y) + 0.5 (harmonic, so the PDE holds without a source term).
    private static (double U, double Ux, double Uy, double Lap) Exact(double x, double y) =>
        ((Math.Exp(x) * Math.Sin(y)) + 0.5, Math.Exp(x) * Math.Sin(y), Math.Exp(x) * Math.Cos(y), 0);

    // The perturbation phi = x^2 y: lap phi = 2 y.
    private static (double U, double Ux, double Uy, double Lap) Phi(double x, double y) => (x * x * y, 2 * x * y, x * x, 2 * y);

    // Method of manufactured solutions: the boundary data of every set is changed so that u* satisfies it exactly.
    private static List<ResidualSet> Manufactured(Func<double, double, (double U, double Ux, double Uy, double Lap)> exact)
    {
        var sets = PinnConstraints.Build(Task(), 300, 80, new Rng(5));
        foreach (var set in sets)
        {
            var r = ResidualsOf(set, exact);
            for (int b = 0; b < set.Count; b++)
            {
                set.Constant[b] -= r[b];
            }
        }

        return sets;
    }

    private static double[] ResidualsOf(ResidualSet set, Func<double, double, (double U, double Ux, double Uy, double Lap)> f)
    {
        int n = set.Count;
        double[] u = new double[n], ux = new double[n], uy = new double[n], lap = new double[n], r = new double[n];
        for (int b = 0; b < n; b++)
        {
            (u[b], ux[b], uy[b], lap[b]) = f(set.Points[2 * b], set.Points[(2 * b) + 1]);
        }

        set.Residuals(u, ux, uy, lap, r);
        return r;
    }

    // The outward normal of a boundary point of the symmetry cell, read off its position (independent of the sampler).
    private static (int Nx, int Ny) Normal(string term, double x, double y)
    {
        const double eps = 1e-12;
        return term switch
        {
            "base" => (0, -1),
            "symmetry" => x < eps ? (-1, 0) : (1, 0),
            _ => Math.Abs(y - Cell.Height) < eps ? (0, 1)
                : Math.Abs(x - Cell.FinHalfThickness) < eps && y > Cell.BaseThickness + eps ? (1, 0)
                : (0, 1),
        };
    }

    [Fact]
    public void Vanishes_on_the_manufactured_solution_and_grows_linearly_with_a_perturbation_as_computed_by_hand()
    {
        var residual = new PhysicsResidual(Manufactured(Exact));
        Assert.True(residual.Of(Exact) < 1e-13, $"exact solution: {residual.Of(Exact):E2}");

        // By hand: the perturbed field's residuals are eps times phi's homogeneous ones, term by term: interior
        // S lap(phi) = 2 y; boundaries S dphi/dn (+ Bi S phi on the wetted walls); S = 1.
        double sum = 0;
        foreach (var set in residual.Sets)
        {
            double ms = 0;
            for (int b = 0; b < set.Count; b++)
            {
                double x = set.Points[2 * b], y = set.Points[(2 * b) + 1];
                var (p, px, py, lap) = Phi(x, y);
                double r = set.Name switch
                {
                    "pde" => lap,
                    "robin" => (Normal(set.Name, x, y).Nx * px) + (Normal(set.Name, x, y).Ny * py) + (Biot * p),
                    _ => (Normal(set.Name, x, y).Nx * px) + (Normal(set.Name, x, y).Ny * py),
                };
                ms += r * r;
            }

            sum += ms / set.Count;
        }

        double hand = Math.Sqrt(sum);
        Assert.True(hand > 0.1, $"phi's residual {hand}");
        double previous = 0;
        foreach (double eps in new[] { 1e-3, 1e-2, 0.1, 1.0 })
        {
            double value = residual.Of((x, y) =>
            {
                var (u, ux, uy, l) = Exact(x, y);
                var (p, px, py, pl) = Phi(x, y);
                return (u + (eps * p), ux + (eps * px), uy + (eps * py), l + (eps * pl));
            });
            Assert.Equal(eps * hand, value, eps * hand * 1e-9);
            Assert.True(value > previous);
            previous = value;
        }
    }

    private static FieldMlp Net(int seed)
    {
        var net = new FieldMlp([2, 8, 8, 1], [Cell.HalfPitch / 2, Cell.Height / 2], [Cell.HalfPitch / 2, Cell.Height / 2], Cell.HalfPitch);
        net.Initialise(new Rng((ulong)seed));
        return net;
    }

    [Fact]
    public void A_network_that_solves_its_manufactured_problem_scores_zero_and_a_perturbed_copy_scores_in_proportion()
    {
        var exact = Net(3);
        var sets = PinnConstraints.Build(Task(), 256, 64, new Rng(9));
        var ws = new MlpWorkspace();
        foreach (var set in sets)
        {
            exact.Forward(set.Points, set.Count, set.Order, ws);
            var r = new double[set.Count];
            set.Residuals(ws, r);
            for (int b = 0; b < set.Count; b++)
            {
                set.Constant[b] -= r[b];
            }
        }

        var residual = new PhysicsResidual(sets);
        Assert.True(residual.Of(exact) < 1e-12, $"exact network: {residual.Of(exact):E2}");
        double Perturbed(double delta)
        {
            var net = exact.Clone();
            net.Layer(0).Weight.Value.Span[1] += delta;
            return residual.Of(net);
        }

        double small = Perturbed(1e-4), twice = Perturbed(2e-4), large = Perturbed(0.1);
        Assert.True(small > 1e-7, $"perturbed by 1e-4: {small:E2}");
        Assert.Equal(2.0, twice / small, 3); // first order in the perturbation
        Assert.True(large > 100 * small);
    }

    [Fact]
    public void The_network_path_equals_the_function_path_with_finite_difference_derivatives()
    {
        var net = Net(7);
        var residual = new PhysicsResidual(Task(), 400, 100, new Rng(2));
        var ws = new MlpWorkspace();
        double U(double x, double y)
        {
            net.Forward([x, y], 1, DerivativeOrder.Value, ws);
            return ws.Output[0];
        }

        const double h = 1e-3;
        double fd = residual.Of((x, y) =>
        {
            double c = U(x, y), e = U(x + h, y), w = U(x - h, y), n = U(x, y + h), s = U(x, y - h);
            return (c, (e - w) / (2 * h), (n - s) / (2 * h), (e + w + n + s - (4 * c)) / (h * h));
        });
        double exact = residual.Of(net);
        Assert.True(exact > 1e-3, $"an untrained network violates the physics: {exact}");
        Assert.Equal(exact, fd, exact * 1e-4);
        Assert.Equal(["pde", "base", "symmetry", "robin"], residual.Sets.Select(s => s.Name));
    }
}
