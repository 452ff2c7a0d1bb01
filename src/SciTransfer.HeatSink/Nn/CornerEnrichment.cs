using SciTransfer.Core.Nn;
using SciTransfer.Core.Tensors;

namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// The leading singular term of the temperature at the re-entrant fin-root corner, added to a network's output:
/// u = NN + c S with S(x, y) = s(x, y) chi(r) + s(-x, y) chi(r') (the second term is the mirror image about x = 0, so
/// the sum stays even about the fin mid-plane, as the network's mirror feature is). s = r^(2/3) cos(2 phi / 3) with
/// r the distance to the corner (CornerX, CornerY) and phi the angle measured clockwise from the base-top ray
/// (+x) through the solid to the fin wall (+y) at phi = 3 pi / 2: harmonic, with zero normal derivative on both
/// walls, and the Laplace eigenfunction of a 270-degree corner with the smallest exponent pi / omega = 2/3. chi is a
/// C2 cutoff, 1 for r &lt;= InnerRadius, 0 for r &gt;= OuterRadius (quintic smoothstep in between), so S is local to
/// the corner and leaves the far symmetry plane x = half pitch exact when CornerX + OuterRadius &lt; half pitch.
/// c is a trainable scalar (<see cref="Coefficient"/>, one value); the residuals are linear in it, so its gradient
/// is the adjoint of the output channels dotted with the channels of S. The Laplacian of S is exact, cutoff terms
/// included: lap(s chi) = s (chi'' + (2 lambda + 1) chi' / r), since lap s = 0 and grad s . r_hat = lambda s / r.
/// Units: lengths in units of l, S in units of l^(2/3).
/// </summary>
public sealed class CornerEnrichment
{
    /// <summary>Exponent of the singular term, pi / (3 pi / 2).</summary>
    public const double Lambda = 2.0 / 3.0;

    /// <summary>Opening of the solid at the corner (radians).</summary>
    public const double Opening = 1.5 * Math.PI;

    /// <summary>Creates the enrichment with coefficient 0.</summary>
    /// <param name="cornerX">Corner x (the fin half thickness).</param>
    /// <param name="cornerY">Corner y (the base thickness).</param>
    /// <param name="innerRadius">Radius below which the cutoff is 1 (0 &lt;= inner &lt; outer).</param>
    /// <param name="outerRadius">Radius beyond which S is 0.</param>
    public CornerEnrichment(double cornerX, double cornerY, double innerRadius, double outerRadius)
    {
        if (!(cornerX > 0 && cornerY > 0 && innerRadius >= 0 && outerRadius > innerRadius && double.IsFinite(outerRadius)))
        {
            throw new ArgumentException($"CornerEnrichment: need a corner with positive coordinates and 0 <= inner radius < outer radius, got corner ({cornerX}, {cornerY}), radii {innerRadius}, {outerRadius}");
        }

        CornerX = cornerX;
        CornerY = cornerY;
        InnerRadius = innerRadius;
        OuterRadius = outerRadius;
    }

    /// <summary>Corner x.</summary>
    public double CornerX { get; }

    /// <summary>Corner y.</summary>
    public double CornerY { get; }

    /// <summary>Radius where the cutoff starts to fall.</summary>
    public double InnerRadius { get; }

    /// <summary>Radius where the cutoff reaches 0.</summary>
    public double OuterRadius { get; }

    /// <summary>The trainable parameter c / <see cref="CoefficientScale"/> (engine parameter "field.corner.c", one value).</summary>
    public Parameter Coefficient { get; } = new("field.corner.c", new Tensor(1));

    /// <summary>
    /// c = CoefficientScale x the parameter (default 1). Why: Adam moves a parameter by about its learning rate per
    /// step whatever the gradient's size, so a scale above 1 is a larger learning rate for c alone.
    /// </summary>
    public double CoefficientScale { get; init; } = 1.0;

    /// <summary>c.</summary>
    public double C
    {
        get => CoefficientScale * Coefficient.Value.Span[0];
        set => Coefficient.Value.Span[0] = value / CoefficientScale;
    }

    /// <summary>A copy with the same geometry and coefficient.</summary>
    public CornerEnrichment Clone() => new(CornerX, CornerY, InnerRadius, OuterRadius) { CoefficientScale = CoefficientScale, C = C };

    /// <summary>S, dS/dx, dS/dy and lap S at (x, y) (the corner term plus its mirror image about x = 0).</summary>
    public (double S, double Sx, double Sy, double Lap) Basis(double x, double y)
    {
        var (s, sx, sy, lap) = Local(x - CornerX, y - CornerY);
        var (si, sxi, syi, lapi) = Local(-x - CornerX, y - CornerY);
        return (s + si, sx - sxi, sy + syi, lap + lapi);
    }

    /// <summary>The cut-off singular function alone (no image) at offset (dx, dy) from the corner.</summary>
    public (double S, double Sx, double Sy, double Lap) Local(double dx, double dy)
    {
        double r = Math.Sqrt((dx * dx) + (dy * dy));
        if (r >= OuterRadius || r == 0)
        {
            return (0, 0, 0, 0);
        }

        double phi = Angle(dx, dy);
        double rl = Math.Pow(r, Lambda);
        double cos = Math.Cos(Lambda * phi);
        double sin = Math.Sin(Lambda * phi);
        double s = rl * cos;

        // grad s = lambda r^(lambda - 1) [cos(lambda phi) r_hat + sin(lambda phi) psi_hat], psi_hat = (-dy, dx) / r
        // (phi runs clockwise, so d/dphi = -d/dpsi of the counter-clockwise polar angle psi).
        double g = Lambda * rl / r;
        double ux = dx / r;
        double uy = dy / r;
        double gx = g * ((cos * ux) - (sin * uy));
        double gy = g * ((cos * uy) + (sin * ux));
        var (chi, d1, d2) = Cutoff(r);
        double sx = (chi * gx) + (s * d1 * ux);
        double sy = (chi * gy) + (s * d1 * uy);
        double lap = s * (d2 + ((2 * Lambda) + 1) * d1 / r);
        return (s * chi, sx, sy, lap);
    }

    /// <summary>The uncut singular function r^(2/3) cos(2 phi / 3) at offset (dx, dy) from the corner.</summary>
    public static double Singular(double dx, double dy)
    {
        double r = Math.Sqrt((dx * dx) + (dy * dy));
        return Math.Pow(r, Lambda) * Math.Cos(Lambda * Angle(dx, dy));
    }

    /// <summary>
    /// Angle phi in [0, 2 pi) measured clockwise from the +x ray (the base top): -y is pi / 2, -x is pi, +y (the fin
    /// wall) 3 pi / 2. The solid near the corner is phi in [0, 3 pi / 2]; the cut (phi = 0 / 2 pi) lies on the base top.
    /// </summary>
    public static double Angle(double dx, double dy)
    {
        double psi = Math.Atan2(dy, dx);
        return psi <= 0 ? -psi : (2 * Math.PI) - psi;
    }

    /// <summary>
    /// The coefficient of r^(2/3) cos(2 phi / 3) in a field, by projection on a circle of radius rho about the corner:
    /// c = 2 / (omega rho^lambda) int_0^omega u(rho, phi) cos(lambda phi) d phi (midpoint rule, <paramref name="points"/>
    /// nodes). Exact for any field of the corner's Neumann expansion a_0 + sum_k a_k r^(k lambda) cos(k lambda phi),
    /// whose eigenfunctions are orthogonal on [0, omega]; smooth non-Neumann parts of a real field add O(rho^(1/3)).
    /// </summary>
    public static double EstimateCoefficient(Func<double, double, double> field, double cornerX, double cornerY, double rho, int points = 256)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!(rho > 0) || points < 2)
        {
            throw new ArgumentException($"CornerEnrichment.EstimateCoefficient: radius must be positive and points >= 2, got {rho}, {points}");
        }

        double sum = 0;
        double h = Opening / points;
        for (int i = 0; i < points; i++)
        {
            double phi = (i + 0.5) * h;
            // Clockwise angle phi: direction (cos phi, -sin phi).
            sum += field(cornerX + (rho * Math.Cos(phi)), cornerY - (rho * Math.Sin(phi))) * Math.Cos(Lambda * phi);
        }

        return 2 * sum * h / (Opening * Math.Pow(rho, Lambda));
    }

    // chi(r), chi'(r), chi''(r) of the quintic smoothstep 1 - (10 t^3 - 15 t^4 + 6 t^5), t = (r - inner) / (outer - inner).
    private (double Chi, double D1, double D2) Cutoff(double r)
    {
        if (r <= InnerRadius)
        {
            return (1, 0, 0);
        }

        double w = OuterRadius - InnerRadius;
        double t = (r - InnerRadius) / w;
        double t2 = t * t;
        double p = t2 * t * (10 - (15 * t) + (6 * t2));
        double p1 = 30 * t2 * (1 - (2 * t) + t2);
        double p2 = 60 * t * (1 - (3 * t) + (2 * t2));
        return (1 - p, -p1 / w, -p2 / (w * w));
    }
}
