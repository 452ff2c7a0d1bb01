using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Tests;

/// <summary>The reciprocity (dual singular function) estimate of the fin-root corner coefficient (issue 16, item 1).</summary>
public sealed class ReciprocalCornerIntegralTests
{
    private const double A = 0.25;
    private const double B = 0.5;

    [Fact]
    public void Gauss_legendre_integrates_polynomials_of_degree_2n_minus_1_exactly()
    {
        foreach (int n in new[] { 1, 2, 5, 16, 64 })
        {
            var (x, w) = GaussLegendre.Nodes(n);
            Assert.Equal(2.0, w.Sum(), 12);
            for (int k = 0; k <= (2 * n) - 1; k++)
            {
                // int_-1^1 x^k = 2 / (k + 1) for even k, 0 for odd k.
                double exact = k % 2 == 0 ? 2.0 / (k + 1) : 0.0;
                double q = 0;
                for (int i = 0; i < n; i++)
                {
                    q += w[i] * Math.Pow(x[i], k);
                }

                Assert.Equal(exact, q, 12);
            }
        }
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.1)]
    [InlineData(0.2)]
    [InlineData(0.3)]
    [InlineData(0.45)]
    public void Recovers_c_of_a_manufactured_harmonic_corner_field_at_any_radius(double radius)
    {
        // u = c0 r^(2/3) cos(2 phi / 3) + the next Neumann eigenfunction r^(4/3) cos(4 phi / 3) + smooth harmonic
        // polynomials that do NOT satisfy the wall conditions (their wall flux enters through the wall integral).
        const double c0 = 0.5263;
        (double U, double Ux, double Uy) Field(double x, double y)
        {
            double dx = x - A;
            double dy = y - B;
            var (s, sx, sy) = Eigen(2.0 / 3.0, dx, dy);
            var (q, qx, qy) = Eigen(4.0 / 3.0, dx, dy);
            double u = (c0 * s) - (0.37 * q) + 0.3 + (0.7 * dx) - (0.4 * dy) + (0.5 * ((dx * dx) - (dy * dy))) + (0.8 * dx * dy) + (0.2 * ((dx * dx * dx) - (3 * dx * dy * dy)));
            double ux = (c0 * sx) - (0.37 * qx) + 0.7 + dx + (0.8 * dy) + (0.6 * ((dx * dx) - (dy * dy)));
            double uy = (c0 * sy) - (0.37 * qy) - 0.4 - dy + (0.8 * dx) - (1.2 * dx * dy);
            return (u, ux, uy);
        }

        // Outward normal: +y on the base top (y = B, x > A), +x on the fin wall (x = A, y > B).
        double WallFlux(double x, double y) => y == B && x > A ? Field(x, y).Uy : Field(x, y).Ux;

        Assert.Equal(c0, ReciprocalCornerIntegral.Estimate(Field, WallFlux, A, B, radius), 9);
    }

    [Fact]
    public void Network_reciprocal_estimate_recovers_c_and_ignores_the_theta_offset()
    {
        var net = new FieldMlp([2, 4, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
        // Zero weights: the network part is its output bias, a constant; the cutoff is 1 out to 0.25, so the field
        // inside the arc of radius 0.2 is 0.9 + c s exactly (the image about x = 0 is 0 there).
        net.Layer(1).Bias.Value.Span[0] = 0.9;
        net.Enrich(new CornerEnrichment(A, B, 0.25, 0.3) { C = -0.42 });
        var ws = new MlpWorkspace();
        Assert.Equal(-0.42, CornerCoefficient.Reciprocal(net, 0.2, 0.0, 0.0, ws), 9);
        // With Bi = 2 the wall flux is taken from the Robin condition, -Bi (u + offset), although this field does not
        // satisfy it: the walls then add -Bi int_0^R r^(-2/3) (c r^(2/3) - (-c r^(2/3))) dr / pi = -2 Bi c R / pi, by hand;
        // the offset's constant flux cancels between the walls (w changes sign there).
        double expected = -0.42 * (1 - (2 * 2.0 * 0.2 / Math.PI));
        Assert.Equal(expected, CornerCoefficient.Reciprocal(net, 0.2, 2.0, 0.0, ws), 9);
        Assert.Equal(expected, CornerCoefficient.Reciprocal(net, 0.2, 2.0, 3.0, ws), 9);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Reference_field_gives_the_same_c_on_arcs_of_different_radii()
    {
        // The finite-volume sodium field (64 cells per l): the projection extrapolates to about 0.526
        // (docs/heat-sink.md); the reciprocity integral must give that at every radius, with the Robin wall flux.
        var g = HeatSinkGeometry.Default;
        double biot = new SciTransfer.HeatSink.Physics.HeatSinkDesign(g, 1e-3, 237, SciTransfer.HeatSink.Physics.Fluid.Sodium, 1000).Biot;
        var f = HeatSinkSolver.Solve(new HeatSinkCase(g, biot), 64, 1e-12).Field;
        foreach (double radius in new[] { 0.2, 0.3, 0.4 })
        {
            double c = ReferenceEstimate(f, biot, radius);
            Assert.InRange(c, 0.516, 0.536);
        }
    }

    /// <summary>The reciprocity estimate of a finite-volume field: bilinear samples (mirrored about x = 0), gradients by central differences of one cell.</summary>
    public static double ReferenceEstimate(FvSolution f, double biot, double radius)
    {
        ArgumentNullException.ThrowIfNull(f);
        double h = f.Grid.Dx;
        double U(double x, double y) => f.Sample(Math.Abs(x), y);
        // Central differences, one-sided where a neighbour lies in the fluid (Sample is NaN there).
        double D(double m, double c, double p) => double.IsNaN(p) ? (c - m) / h : double.IsNaN(m) ? (p - c) / h : (p - m) / (2 * h);
        (double, double, double) Field(double x, double y) => (U(x, y), D(U(x - h, y), U(x, y), U(x + h, y)), D(U(x, y - h), U(x, y), U(x, y + h)));
        return ReciprocalCornerIntegral.Estimate(Field, (x, y) => -biot * U(x, y), HeatSinkGeometry.Default.FinHalfThickness, HeatSinkGeometry.Default.BaseThickness, radius);
    }

    // r^mu cos(mu phi) and its gradient (phi clockwise from +x, as CornerEnrichment.Angle).
    private static (double F, double Fx, double Fy) Eigen(double mu, double dx, double dy)
    {
        double r = Math.Sqrt((dx * dx) + (dy * dy));
        double phi = CornerEnrichment.Angle(dx, dy);
        double rm = Math.Pow(r, mu);
        double cos = Math.Cos(mu * phi);
        double sin = Math.Sin(mu * phi);
        double g = mu * rm / r;
        double ux = dx / r;
        double uy = dy / r;
        return (rm * cos, g * ((cos * ux) - (sin * uy)), g * ((cos * uy) + (sin * ux)));
    }
}
