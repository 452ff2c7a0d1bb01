using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Tests;

/// <summary>The singular fin-root term (issue 16, item 1): exact derivatives, harmonic with Neumann walls, symmetry, and the c estimate.</summary>
public sealed class CornerEnrichmentTests
{
    private const double A = 0.25;
    private const double B = 0.5;

    // Points in the solid of the default cell: in the cutoff annulus, near the corner on both sides, near x = 0.
    private static readonly (double X, double Y)[] Points =
    [
        (0.4, 0.3), (0.1, 0.2), (0.2, 0.9), (0.05, 0.6), (0.6, 0.45), (0.27, 0.48), (0.23, 0.53), (0.02, 0.1), (0.7, 0.05),
    ];

    private static double S(CornerEnrichment e, double x, double y) => e.Basis(x, y).S;

    [Fact]
    public void Gradient_and_Laplacian_of_the_cut_off_mirrored_term_match_finite_differences()
    {
        var e = new CornerEnrichment(A, B, 0.1, 0.45);
        const double h = 1e-4;
        foreach (var (x, y) in Points)
        {
            var (_, sx, sy, lap) = e.Basis(x, y);
            double fx = (S(e, x + h, y) - S(e, x - h, y)) / (2 * h);
            double fy = (S(e, x, y + h) - S(e, x, y - h)) / (2 * h);
            double flap = (S(e, x + h, y) + S(e, x - h, y) + S(e, x, y + h) + S(e, x, y - h) - (4 * S(e, x, y))) / (h * h);
            Assert.True(Math.Abs(sx - fx) < 1e-5 * (1 + Math.Abs(sx)), $"d/dx at ({x}, {y}): {sx} vs {fx}");
            Assert.True(Math.Abs(sy - fy) < 1e-5 * (1 + Math.Abs(sy)), $"d/dy at ({x}, {y}): {sy} vs {fy}");
            Assert.True(Math.Abs(lap - flap) < 2e-3 * (1 + Math.Abs(lap)), $"Laplacian at ({x}, {y}): {lap} vs {flap}");
        }

        // The cutoff annulus really has a Laplacian (so the test above checks the cutoff terms, not only zeros).
        Assert.True(Math.Abs(e.Basis(0.4, 0.3).Lap) > 0.1);
    }

    [Fact]
    public void Singular_function_is_harmonic_with_zero_normal_derivative_on_the_fin_wall_and_base_top()
    {
        const double h = 1e-4;
        foreach (var (x, y) in Points)
        {
            double dx = x - A;
            double dy = y - B;
            double lap = (CornerEnrichment.Singular(dx + h, dy) + CornerEnrichment.Singular(dx - h, dy) + CornerEnrichment.Singular(dx, dy + h)
                + CornerEnrichment.Singular(dx, dy - h) - (4 * CornerEnrichment.Singular(dx, dy))) / (h * h);
            Assert.True(Math.Abs(lap) < 1e-3, $"lap s at ({x}, {y}) = {lap}");
        }

        // Inside the inner radius the enrichment is the bare singular function: normal derivative 0 on the fin wall
        // (x = A, y > B, normal +x) and on the base top (y = B, x > A, normal +y), as the Neumann eigenfunction must.
        var e = new CornerEnrichment(A, B, 0.2, 0.45);
        foreach (double t in new[] { 0.001, 0.02, 0.1, 0.19 })
        {
            Assert.Equal(0.0, e.Basis(A, B + t).Sx, 10);
            Assert.Equal(0.0, e.Basis(A + t, B).Sy, 10);

            // ... while the tangential derivatives are the singular lambda r^(-1/3) (not a trivially zero function).
            Assert.Equal(-CornerEnrichment.Lambda * Math.Pow(t, CornerEnrichment.Lambda - 1), e.Basis(A, B + t).Sy, 8);
            Assert.Equal(CornerEnrichment.Lambda * Math.Pow(t, CornerEnrichment.Lambda - 1), e.Basis(A + t, B).Sx, 8);
        }
    }

    [Fact]
    public void Enriched_network_keeps_both_symmetry_planes_exact_and_adds_c_times_the_term()
    {
        var g = HeatSinkGeometry.Default;
        var net = new FieldMlp([2, 6, 6, 1], [0.5, 1.25], [0.5, 1.25], g.HalfPitch);
        net.Initialise(new Rng(3));
        var plain = net.Clone();
        net.Enrich(new CornerEnrichment(A, B, 0.0, 0.74) { C = 0.8 });
        var ws = new MlpWorkspace();
        double[] pts = [0.0, 0.3, 0.0, 0.55, 0.0, 1.4, g.HalfPitch, 0.1, g.HalfPitch, 0.45, 0.3, 0.3];
        net.Forward(pts, 6, DerivativeOrder.Laplacian, ws);
        var ux = ws.Channel(1).ToArray();
        var u = ws.Channel(0).ToArray();
        var ws2 = new MlpWorkspace();
        plain.Forward(pts, 6, DerivativeOrder.Laplacian, ws2);
        for (int b = 0; b < 5; b++)
        {
            Assert.Equal(0.0, ux[b], 12);
        }

        // Near x = 0 the term itself is non-zero (the mirror image makes its x-derivative vanish, not the term).
        Assert.True(Math.Abs(net.Enrichment!.Basis(0.0, 0.55).S) > 0.1);
        Assert.Equal(ws2.Channel(0)[5] + (0.8 * net.Enrichment.Basis(0.3, 0.3).S), u[5], 12);
    }

    [Fact]
    public void Gradient_wrt_the_corner_coefficient_matches_finite_differences_of_the_loss()
    {
        var g = HeatSinkGeometry.Default;
        var net = new FieldMlp([2, 5, 1], [0.5, 1.25], [0.5, 1.25], g.HalfPitch);
        net.Initialise(new Rng(5));
        net.Enrich(new CornerEnrichment(A, B, 0.05, 0.6) { C = 0.3 });
        var task = new PinnTask(new HeatSinkCase(g, 1.3), SensorData.Empty);
        var sets = PinnConstraints.Build(task, 40, 20, new Rng(9));
        var ws = new MlpWorkspace();
        var res = sets.Select(s => new double[s.Count]).ToList();
        var grads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        var losses = new double[sets.Count];
        PinnTrainer.Evaluate(net, sets, ws, res, losses, grads);
        for (int k = 0; k < sets.Count; k++)
        {
            double analytic = grads[k][^1];
            const double h = 1e-6;
            net.Enrichment!.C = 0.3 + h;
            PinnTrainer.Evaluate(net, sets, ws, res, losses, sets.Select(_ => new double[net.ParameterCount]).ToList());
            double up = losses[k];
            net.Enrichment.C = 0.3 - h;
            PinnTrainer.Evaluate(net, sets, ws, res, losses, sets.Select(_ => new double[net.ParameterCount]).ToList());
            double down = losses[k];
            net.Enrichment.C = 0.3;
            Assert.True(Math.Abs(analytic - ((up - down) / (2 * h))) < 1e-6 * (1 + Math.Abs(analytic)), $"{sets[k].Name}: {analytic} vs {(up - down) / (2 * h)}");
        }
    }

    [Fact]
    public void Projection_recovers_a_known_coefficient_of_a_manufactured_corner_field()
    {
        // a0 + c r^(2/3) cos(2 phi/3) + d r^(4/3) cos(4 phi/3): the eigenfunctions are orthogonal on [0, 3 pi / 2].
        const double c = 0.537;
        double Field(double x, double y)
        {
            double dx = x - A;
            double dy = y - B;
            double r = Math.Sqrt((dx * dx) + (dy * dy));
            double phi = CornerEnrichment.Angle(dx, dy);
            return 1.7 + (c * Math.Pow(r, 2.0 / 3)) * Math.Cos(2 * phi / 3) - (2.1 * Math.Pow(r, 4.0 / 3) * Math.Cos(4 * phi / 3));
        }

        foreach (double rho in new[] { 0.05, 0.2 })
        {
            Assert.Equal(c, CornerEnrichment.EstimateCoefficient(Field, A, B, rho), 10);
        }

        // A contamination growing linearly with the radius (as the Robin walls give) biases one radius but not the
        // two-radius extrapolation the trainer uses: P(rho) = c + 0.4 rho.
        double Biased(double x, double y) => Field(x, y) + (0.4 * Math.Pow(Math.Sqrt(((x - A) * (x - A)) + ((y - B) * (y - B))), 5.0 / 3) * Math.Cos(2 * CornerEnrichment.Angle(x - A, y - B) / 3));
        double p1 = CornerEnrichment.EstimateCoefficient(Biased, A, B, 0.1);
        double p2 = CornerEnrichment.EstimateCoefficient(Biased, A, B, 0.2);
        Assert.Equal(c + 0.08, p2, 10);
        Assert.Equal(c, (2 * p1) - p2, 10);
    }

    [Fact]
    public void Network_estimate_recovers_c_of_an_enriched_network_whose_smooth_part_is_constant()
    {
        var net = new FieldMlp([2, 4, 1], [0.5, 1.25], [0.5, 1.25], 1.0);

        // Zero weights: the network part is its output bias, a constant (projects to 0).
        net.Layer(1).Bias.Value.Span[0] = 0.9;
        // Cutoff 1 out to 0.25 and 0 from 0.3: the image about x = 0 (corner at (-A, B)) does not reach the circles.
        net.Enrich(new CornerEnrichment(A, B, 0.25, 0.3) { C = -0.42 });
        Assert.Equal(-0.42, CornerCoefficient.Estimate(net, 0.2, new MlpWorkspace()), 10);
    }
}
