using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// The corner coefficient c of u = a_0 + c r^(2/3) cos(2 phi / 3) + o(r^(2/3)) at the fin root by the reciprocity
/// ("dual singular function", Szabo and Babuska) integral, which reads the field far from the corner instead of at it.
/// With the dual function w = r^(-2/3) cos(2 phi / 3) (harmonic, zero normal derivative on both walls) and u
/// harmonic, Green's second identity on the sector eps &lt; r &lt; R gives J(eps) = J(R) - int_W w du/dn ds, where
/// J(rho) = int_0^omega (u dw/dr - w du/dr) rho dphi and W are the two walls between the arcs (n outward from the solid).
/// J(eps) tends to -lambda omega c = -pi c (the constant and o(r^(2/3)) terms give 0 as eps -> 0), so
/// <code>c = (1 / pi) [ R^(-lambda) int_0^omega cos(lambda phi) (lambda u + R du/dr)(R, phi) dphi + int_W w du/dn ds ]</code>
/// exactly for every R for which the sector lies in the (mirror-extended) solid. On the base top (phi = 0) w = r^(-2/3),
/// on the fin wall (phi = 3 pi / 2) w = -r^(-2/3); with the Robin walls du/dn = -Bi theta, so the wall integral needs
/// only values. Quadrature: Gauss-Legendre in phi on the arc; on the walls r = R t^3 removes the r^(-2/3) singularity,
/// int_0^R r^(-2/3) f(r) dr = 3 R^(1/3) int_0^1 f(R t^3) dt. Lengths in units of l.
/// </summary>
public static class ReciprocalCornerIntegral
{
    /// <summary>Default Gauss-Legendre nodes on the arc and on each wall.</summary>
    public const int DefaultNodes = 64;

    /// <summary>Arc nodes (x, y interleaved, length 2 n) at radius <paramref name="radius"/> about the corner.</summary>
    public static double[] ArcPoints(double cornerX, double cornerY, double radius, int nodes)
    {
        var (t, _) = GaussLegendre.Nodes(nodes);
        var xy = new double[2 * nodes];
        for (int i = 0; i < nodes; i++)
        {
            double phi = 0.5 * CornerEnrichment.Opening * (t[i] + 1);
            // Clockwise angle phi: direction (cos phi, -sin phi).
            xy[2 * i] = cornerX + (radius * Math.Cos(phi));
            xy[(2 * i) + 1] = cornerY - (radius * Math.Sin(phi));
        }

        return xy;
    }

    /// <summary>Wall nodes (x, y interleaved, length 4 n): first n on the base top (cornerX + r, cornerY), then n on the fin wall (cornerX, cornerY + r), r = R t^3.</summary>
    public static double[] WallPoints(double cornerX, double cornerY, double radius, int nodes)
    {
        var (t, _) = GaussLegendre.Nodes(nodes);
        var xy = new double[4 * nodes];
        for (int i = 0; i < nodes; i++)
        {
            double s = 0.5 * (t[i] + 1);
            double r = radius * s * s * s;
            xy[2 * i] = cornerX + r;
            xy[(2 * i) + 1] = cornerY;
            xy[2 * (nodes + i)] = cornerX;
            xy[(2 * (nodes + i)) + 1] = cornerY + r;
        }

        return xy;
    }

    /// <summary>
    /// c from values at the nodes of <see cref="ArcPoints"/> and <see cref="WallPoints"/> (same radius and n).
    /// </summary>
    /// <param name="radius">Arc radius R (l).</param>
    /// <param name="arcU">u at the arc nodes (n).</param>
    /// <param name="arcUx">du/dx at the arc nodes (n).</param>
    /// <param name="arcUy">du/dy at the arc nodes (n).</param>
    /// <param name="wallDuDn">Outward normal derivative at the wall nodes (2 n: base top, then fin wall).</param>
    public static double Combine(double radius, ReadOnlySpan<double> arcU, ReadOnlySpan<double> arcUx, ReadOnlySpan<double> arcUy, ReadOnlySpan<double> wallDuDn)
    {
        int n = arcU.Length;
        if (!(radius > 0) || n < 2 || arcUx.Length != n || arcUy.Length != n || wallDuDn.Length != 2 * n)
        {
            throw new ArgumentException($"ReciprocalCornerIntegral: need a positive radius, n >= 2 arc values with matching gradients and 2 n wall values, got radius {radius}, {n}, {arcUx.Length}, {arcUy.Length}, {wallDuDn.Length}");
        }

        var (t, wt) = GaussLegendre.Nodes(n);
        const double L = CornerEnrichment.Lambda;
        double arc = 0;
        double wall = 0;
        for (int i = 0; i < n; i++)
        {
            double phi = 0.5 * CornerEnrichment.Opening * (t[i] + 1);
            double ur = (arcUx[i] * Math.Cos(phi)) - (arcUy[i] * Math.Sin(phi));
            arc += wt[i] * Math.Cos(L * phi) * ((L * arcU[i]) + (radius * ur));
            // w = +r^(-2/3) on the base top, -r^(-2/3) on the fin wall; the t-substitution's 3 R^(1/3) is applied below.
            wall += wt[i] * (wallDuDn[i] - wallDuDn[n + i]);
        }

        arc *= 0.5 * CornerEnrichment.Opening * Math.Pow(radius, -L);
        wall *= 0.5 * 3 * Math.Cbrt(radius);
        return (arc + wall) / Math.PI;
    }

    /// <summary>
    /// c of a field given pointwise: <paramref name="field"/> returns (u, du/dx, du/dy) on the arc, <paramref name="wallDuDn"/>
    /// the outward normal derivative at a wall point (d/dy on the base top, d/dx on the fin wall).
    /// </summary>
    public static double Estimate(Func<double, double, (double U, double Ux, double Uy)> field, Func<double, double, double> wallDuDn, double cornerX, double cornerY, double radius, int nodes = DefaultNodes)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(wallDuDn);
        var arc = ArcPoints(cornerX, cornerY, radius, nodes);
        var walls = WallPoints(cornerX, cornerY, radius, nodes);
        var u = new double[nodes];
        var ux = new double[nodes];
        var uy = new double[nodes];
        var dn = new double[2 * nodes];
        for (int i = 0; i < nodes; i++)
        {
            (u[i], ux[i], uy[i]) = field(arc[2 * i], arc[(2 * i) + 1]);
        }

        for (int i = 0; i < 2 * nodes; i++)
        {
            dn[i] = wallDuDn(walls[2 * i], walls[(2 * i) + 1]);
        }

        return Combine(radius, u, ux, uy, dn);
    }
}
