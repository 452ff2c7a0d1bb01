using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Tests;

public sealed class FvSolverTests
{
    private static readonly HeatSinkGeometry Cell = new(1.0, 0.5, 0.25, 1.0);

    // Manufactured solution with variable conductivity on the L-shaped cell.
    private static double Exact(double x, double y) => (Math.Sin((1.3 * x) + 0.4) * Math.Cosh(0.8 * y)) + (0.3 * y);

    private static double Tx(double x, double y) => 1.3 * Math.Cos((1.3 * x) + 0.4) * Math.Cosh(0.8 * y);

    private static double Ty(double x, double y) => (0.8 * Math.Sin((1.3 * x) + 0.4) * Math.Sinh(0.8 * y)) + 0.3;

    private static double K(double x, double y) => 1 + (0.3 * x) + (0.2 * y);

    private static double Source(double x, double y)
    {
        double lap = (-1.69 + 0.64) * Math.Sin((1.3 * x) + 0.4) * Math.Cosh(0.8 * y);
        return -((0.3 * Tx(x, y)) + (0.2 * Ty(x, y)) + (K(x, y) * lap));
    }

    private static FaceCondition ManufacturedCondition(BoundaryFace f)
    {
        double k = K(f.X, f.Y);
        double dTdn = (f.NormalX * Tx(f.X, f.Y)) + (f.NormalY * Ty(f.X, f.Y));
        var kind = Cell.Classify(f.X, f.Y, f.NormalX, f.NormalY);
        if (kind == BoundaryKind.Wetted)
        {
            const double h = 2.0;
            return FaceCondition.Convective(h, Exact(f.X, f.Y) + (k / h * dTdn));
        }

        return FaceCondition.Flux(k * dTdn);
    }

    private static double ManufacturedError(int cellsPerUnit)
    {
        var grid = new FvGrid(Cell.HalfPitch, Cell.Height, cellsPerUnit, (int)(Cell.Height * cellsPerUnit), Cell.Contains);
        var sol = FvSolver.Solve(grid, K, Source, ManufacturedCondition, 1e-13);
        double sum = 0;
        int count = 0;
        for (int j = 0; j < grid.Ny; j++)
        {
            for (int i = 0; i < grid.Nx; i++)
            {
                if (grid.IsSolid(i, j))
                {
                    double e = sol.At(i, j) - Exact(grid.CentreX(i), grid.CentreY(j));
                    sum += e * e;
                    count++;
                }
            }
        }

        return Math.Sqrt(sum / count);
    }

    [Fact]
    public void Manufactured_solution_converges_at_second_order()
    {
        double e8 = ManufacturedError(8);
        double e16 = ManufacturedError(16);
        double e32 = ManufacturedError(32);
        double order1 = Math.Log2(e8 / e16);
        double order2 = Math.Log2(e16 / e32);
        Assert.True(order1 > 1.8 && order2 > 1.8, $"observed orders {order1:F2}, {order2:F2} (errors {e8:E2}, {e16:E2}, {e32:E2})");
        Assert.True(e32 < 1e-3, $"error at 32 cells per unit is {e32:E2}");
    }

    [Fact]
    public void Thin_fin_matches_the_one_dimensional_fin_formula_with_convective_tip()
    {
        const double length = 1.0;
        const double halfThickness = 0.01;
        const double h = 0.25;
        int nx = 200;
        var grid = new FvGrid(length, halfThickness, nx, 2, (_, _) => true);
        FaceCondition Bc(BoundaryFace f) =>
            f.NormalX == -1 ? FaceCondition.Fixed(1.0)
            : f.NormalY == -1 ? FaceCondition.Adiabatic
            : FaceCondition.Convective(h, 0.0);
        var sol = FvSolver.Solve(grid, (_, _) => 1.0, null, Bc, 1e-13);

        // Perimeter per unit depth 1 (one face of the half fin), area halfThickness.
        double m = Math.Sqrt(h / halfThickness);
        double ratio = h / m;
        double maxRel = 0;
        for (int i = 0; i < nx; i++)
        {
            double x = grid.CentreX(i);
            double exact = (Math.Cosh(m * (length - x)) + (ratio * Math.Sinh(m * (length - x))))
                / (Math.Cosh(m * length) + (ratio * Math.Sinh(m * length)));
            double mean = 0.5 * (sol.At(i, 0) + sol.At(i, 1));
            maxRel = Math.Max(maxRel, Math.Abs(mean - exact) / exact);
        }

        Assert.True(maxRel < 5e-3, $"max relative deviation from the 1-D fin formula {maxRel:E2}");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.3)]
    [InlineData(20.0)]
    public void Heat_in_at_the_base_leaves_through_the_wetted_walls(double biot)
    {
        var result = HeatSinkSolver.Solve(new HeatSinkCase(HeatSinkGeometry.Default, biot), 16, 1e-12);
        Assert.Equal(HeatSinkGeometry.Default.HalfPitch, result.HeatIn, 10);
        Assert.True(Math.Abs(result.HeatIn - result.HeatOut) < 1e-9 * result.HeatIn, $"in {result.HeatIn}, out {result.HeatOut}");
    }

    [Fact]
    public void Fin_efficiency_falls_and_peak_temperature_falls_as_the_Biot_number_rises()
    {
        var low = HeatSinkSolver.Solve(new HeatSinkCase(HeatSinkGeometry.Default, 0.01), 16);
        var high = HeatSinkSolver.Solve(new HeatSinkCase(HeatSinkGeometry.Default, 5.0), 16);
        // Thin-fin limit: eta = tanh(m Lc) / (m Lc), m = sqrt(Bi / half thickness), corrected length Lc = H + t/2.
        var g = HeatSinkGeometry.Default;
        double mLc = Math.Sqrt(0.01 / g.FinHalfThickness) * (g.FinHeight + g.FinHalfThickness);
        double eta1D = Math.Tanh(mLc) / mLc;
        Assert.True(Math.Abs(low.FinEfficiency - eta1D) < 0.01, $"low-Bi efficiency {low.FinEfficiency} vs 1-D {eta1D}");
        Assert.True(high.FinEfficiency < 0.3, $"high-Bi efficiency {high.FinEfficiency}");
        Assert.True(high.PeakTheta < low.PeakTheta);

        // Lumped limit: a near-isothermal base at Bi -> 0 has theta ~ HalfPitch / (Bi * (base wetted + eta * fin wetted)) + base conduction.
        double lumped = (g.HalfPitch / (0.01 * (g.HalfPitch - g.FinHalfThickness + (eta1D * g.FinWettedLength)))) + g.BaseThickness;
        Assert.True(Math.Abs(low.PeakTheta - lumped) / lumped < 0.02, $"peak {low.PeakTheta} vs lumped {lumped}");
    }
}
