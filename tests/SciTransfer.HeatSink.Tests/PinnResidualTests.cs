using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Tests;

public sealed class PinnResidualTests
{
    private const double Biot = 1.3;

    private static readonly HeatSinkGeometry Cell = HeatSinkGeometry.Default;

    // Exact solutions, one per constraint: (theta, dtheta/dx, dtheta/dy, lap theta).
    private static (double T, double Tx, double Ty, double Lap) Harmonic(double x, double y) =>
        (Math.Exp(x) * Math.Sin(y), Math.Exp(x) * Math.Sin(y), Math.Exp(x) * Math.Cos(y), 0);

    // theta = 2 - y: unit heat flux in through y = 0, no flux through x = const planes.
    private static (double T, double Tx, double Ty, double Lap) Conduction(double x, double y) => (2 - y, 0, -1, 0);

    // Harmonic and convective along the outward normal: exp(-Bi n.x) cos(Bi t.x).
    private static (double T, double Tx, double Ty, double Lap) Convective(double x, double y, double bi)
    {
        bool vertical = Math.Abs(x - Cell.FinHalfThickness) < 1e-12 && y > Cell.BaseThickness + 1e-12 && y < Cell.Height - 1e-12;
        if (vertical)
        {
            double e = Math.Exp(-bi * x);
            return (e * Math.Cos(bi * y), -bi * e * Math.Cos(bi * y), -bi * e * Math.Sin(bi * y), 0);
        }

        double f = Math.Exp(-bi * y);
        return (f * Math.Cos(bi * x), -bi * f * Math.Sin(bi * x), -bi * f * Math.Cos(bi * x), 0);
    }

    private static double MaxResidual(ResidualSet set, PinnTask task, Func<double, double, (double T, double Tx, double Ty, double Lap)> exact)
    {
        int n = set.Count;
        var u = new double[n];
        var ux = new double[n];
        var uy = new double[n];
        var lap = new double[n];
        for (int b = 0; b < n; b++)
        {
            var (t, tx, ty, l) = exact(set.Points[2 * b], set.Points[(2 * b) + 1]);
            u[b] = (t - task.ThetaOffset) / task.ThetaScale;
            ux[b] = tx / task.ThetaScale;
            uy[b] = ty / task.ThetaScale;
            lap[b] = l / task.ThetaScale;
        }

        var r = new double[n];
        set.Residuals(u, ux, uy, lap, r);
        return r.Max(Math.Abs);
    }

    private static PinnTask MakeTask()
    {
        var rng = new Rng(3);
        var pts = CollocationSampler.Interior(Cell, 6, rng);
        var theta = Enumerable.Range(0, 6).Select(i => Harmonic(pts[2 * i], pts[(2 * i) + 1]).T).ToArray();
        return new PinnTask(new HeatSinkCase(Cell, Biot), new SensorData(pts, theta));
    }

    [Fact]
    public void Every_constraint_residual_vanishes_on_a_function_that_satisfies_it_exactly()
    {
        var task = MakeTask();
        var sets = PinnConstraints.Build(task, 200, 60, new Rng(11));
        Assert.Equal(["pde", "base", "symmetry", "robin", "data"], sets.Select(s => s.Name));
        foreach (var set in sets)
        {
            Func<double, double, (double, double, double, double)> exact = set.Name switch
            {
                "pde" or "data" => Harmonic,
                "base" or "symmetry" => Conduction,
                _ => (x, y) => Convective(x, y, Biot),
            };
            Assert.True(MaxResidual(set, task, exact) < 1e-12, $"{set.Name}: residual {MaxResidual(set, task, exact):E2}");
        }
    }

    [Fact]
    public void Residuals_detect_a_wrong_Biot_number_and_a_wrong_heat_flux()
    {
        var task = MakeTask();
        var sets = PinnConstraints.Build(task, 50, 60, new Rng(11));
        var robin = sets.Single(s => s.Name == "robin");
        var heated = sets.Single(s => s.Name == "base");
        Assert.True(MaxResidual(robin, task, (x, y) => Convective(x, y, Biot * 1.2)) > 1e-2);
        Assert.True(MaxResidual(heated, task, (x, y) => (2 - (1.5 * y), 0, -1.5, 0)) > 0.4);
    }

    [Fact]
    public void Boundary_samples_lie_on_their_segments_with_outward_normals()
    {
        var rng = new Rng(5);
        foreach (var kind in new[] { BoundaryKind.HeatedBase, BoundaryKind.Symmetry, BoundaryKind.Wetted })
        {
            foreach (var p in CollocationSampler.Boundary(Cell, kind, 200, rng))
            {
                Assert.True(Cell.Contains(p.X, p.Y), $"{kind} point ({p.X}, {p.Y}) outside the solid");
                Assert.False(Cell.Contains(p.X + (1e-6 * p.NormalX), p.Y + (1e-6 * p.NormalY)) && Cell.Contains(p.X - (1e-6 * p.NormalX), p.Y - (1e-6 * p.NormalY)), $"{kind} point ({p.X}, {p.Y}) is interior along its normal");
                Assert.Equal(kind, Cell.Classify(p.X, p.Y, p.NormalX, p.NormalY));
            }
        }
    }
}
