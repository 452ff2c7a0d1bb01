using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;

namespace SciTransfer.HeatSink.Helmholtz;

/// <summary>
/// The 2-D Helmholtz benchmark of Wang, Teng and Perdikaris (2021, section 2.2): lap u + lambda u = q on [-1, 1]^2
/// with u = g on the boundary, built from the exact solution u = sin(a1 pi x) sin(a2 pi y), so
/// q = (lambda - pi^2 (a1^2 + a2^2)) u. With a1 = 1, a2 = 4 the boundary and interior gradients are badly out of
/// balance, which is what their learning-rate annealing fixes.
/// </summary>
/// <param name="A1">Wave number along x (in units of pi).</param>
/// <param name="A2">Wave number along y (in units of pi).</param>
/// <param name="Lambda">The Helmholtz constant lambda (k^2).</param>
public sealed record HelmholtzCase(double A1 = 1, double A2 = 4, double Lambda = 1)
{
    /// <summary>The exact solution at (x, y).</summary>
    public double Exact(double x, double y) => Math.Sin(A1 * Math.PI * x) * Math.Sin(A2 * Math.PI * y);

    /// <summary>The source q at (x, y).</summary>
    public double Source(double x, double y) => (Lambda - (Math.PI * Math.PI * ((A1 * A1) + (A2 * A2)))) * Exact(x, y);

    /// <summary>Interior residual lap u + lambda u - q at <paramref name="points"/> (N x 2 row-major).</summary>
    public ResidualSet Interior(double[] points)
    {
        var set = new ResidualSet("pde", points, DerivativeOrder.Laplacian);
        for (int b = 0; b < set.Count; b++)
        {
            set.Lap[b] = 1.0;
            set.Value[b] = Lambda;
            set.Constant[b] = -Source(points[2 * b], points[(2 * b) + 1]);
        }

        return set;
    }

    /// <summary>
    /// Boundary residual 2 (u - g) at <paramref name="points"/> (equal counts on the four edges): its mean square is
    /// the sum of the four edge mean squares, the paper's boundary loss.
    /// </summary>
    public ResidualSet Boundary(double[] points)
    {
        var set = new ResidualSet("boundary", points, DerivativeOrder.Value);
        for (int b = 0; b < set.Count; b++)
        {
            set.Value[b] = 2.0;
            set.Constant[b] = -2.0 * Exact(points[2 * b], points[(2 * b) + 1]);
        }

        return set;
    }

    /// <summary><paramref name="count"/> uniform interior points (count x 2).</summary>
    public static double[] SampleInterior(int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pts = new double[2 * count];
        rng.FillUniform(pts, -1, 1);
        return pts;
    }

    /// <summary><paramref name="perEdge"/> uniform points on each edge y = -1, x = 1, y = 1, x = -1 (4 perEdge x 2).</summary>
    public static double[] SampleBoundary(int perEdge, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pts = new double[8 * perEdge];
        for (int e = 0; e < 4; e++)
        {
            for (int i = 0; i < perEdge; i++)
            {
                double s = rng.Uniform(-1, 1);
                int o = 2 * ((e * perEdge) + i);
                (pts[o], pts[o + 1]) = e switch
                {
                    0 => (s, -1.0),
                    1 => (1.0, s),
                    2 => (s, 1.0),
                    _ => (-1.0, s),
                };
            }
        }

        return pts;
    }

    /// <summary>Relative L2 error of <paramref name="net"/> on a uniform <paramref name="side"/> x <paramref name="side"/> grid over [-1, 1]^2.</summary>
    public double RelativeL2(FieldMlp net, int side, MlpWorkspace ws)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(ws);
        var pts = new double[2 * side * side];
        var exact = new double[side * side];
        for (int i = 0; i < side; i++)
        {
            for (int j = 0; j < side; j++)
            {
                int b = (i * side) + j;
                double x = -1 + (2.0 * i / (side - 1));
                double y = -1 + (2.0 * j / (side - 1));
                pts[2 * b] = x;
                pts[(2 * b) + 1] = y;
                exact[b] = Exact(x, y);
            }
        }

        net.Forward(pts, side * side, DerivativeOrder.Value, ws);
        var u = ws.Channel(0);
        double num = 0;
        double den = 0;
        for (int b = 0; b < exact.Length; b++)
        {
            double d = u[b] - exact[b];
            num += d * d;
            den += exact[b] * exact[b];
        }

        return Math.Sqrt(num / den);
    }
}
