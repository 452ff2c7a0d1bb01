using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Re-estimates the corner coefficient c of an enriched network from its own field: the projection of the total
/// field u = NN + c S on cos(2 phi / 3) over a circle of radius rho about the corner
/// (<see cref="CornerEnrichment.EstimateCoefficient"/>). The network's smooth part carries whatever singular content it
/// has learnt; moving it into c (c := c + projection of NN) lets the network unlearn it. Constant offsets project to 0.
/// </summary>
public static class CornerCoefficient
{
    /// <summary>Projection nodes on the circle.</summary>
    public const int Nodes = 128;

    /// <summary>
    /// The estimate of c for <paramref name="net"/> (which must be enriched): the projections P at radii rho / 2 and rho
    /// (units of l), extrapolated linearly to rho = 0, c = 2 P(rho / 2) - P(rho). Why: with the Robin walls the
    /// projection of the true field grows linearly with the radius (finite-volume reference of the default sodium
    /// case: 0.538, 0.549, 0.561, 0.572 at rho 0.05, 0.1, 0.15, 0.2), and estimating at one radius biases c by that slope.
    /// </summary>
    public static double Estimate(FieldMlp net, double rho, MlpWorkspace ws) => (2 * Project(net, rho / 2, ws)) - Project(net, rho, ws);

    /// <summary>
    /// c plus the singular content of the network part alone: c + 2 P_NN(rho / 2) - P_NN(rho) with P_NN the projection
    /// of u - c S (the cut-off, mirrored term is not exactly r^(2/3) cos(2 phi / 3) on the circles, so reading the total
    /// field would count its cutoff and image as singular content). Fixed point: a network part without singular content.
    /// </summary>
    public static double Transfer(FieldMlp net, double rho, MlpWorkspace ws)
    {
        ArgumentNullException.ThrowIfNull(net);
        var en = net.Enrichment ?? throw new ArgumentException("CornerCoefficient.Transfer: the network has no corner enrichment");
        double ProjectS(double r) => CornerEnrichment.EstimateCoefficient((x, y) => en.Basis(x, y).S, en.CornerX, en.CornerY, r, Nodes);
        double c = en.C;
        double nn = (2 * (Project(net, rho / 2, ws) - (c * ProjectS(rho / 2)))) - (Project(net, rho, ws) - (c * ProjectS(rho)));
        return c + nn;
    }

    /// <summary>The projection of <paramref name="net"/>'s field on cos(2 phi / 3) at one radius (see <see cref="CornerEnrichment.EstimateCoefficient"/>).</summary>
    public static double Project(FieldMlp net, double rho, MlpWorkspace ws)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(ws);
        var en = net.Enrichment ?? throw new ArgumentException("CornerCoefficient.Estimate: the network has no corner enrichment");

        // Same nodes as EstimateCoefficient, evaluated in one batch, then looked up in order.
        var pts = new double[2 * Nodes];
        double h = CornerEnrichment.Opening / Nodes;
        for (int i = 0; i < Nodes; i++)
        {
            double phi = (i + 0.5) * h;
            pts[2 * i] = en.CornerX + (rho * Math.Cos(phi));
            pts[(2 * i) + 1] = en.CornerY - (rho * Math.Sin(phi));
        }

        net.Forward(pts, Nodes, DerivativeOrder.Value, ws);
        var values = ws.Output.ToArray();
        int k = 0;
        return CornerEnrichment.EstimateCoefficient((_, _) => values[k++], en.CornerX, en.CornerY, rho, Nodes);
    }
    /// <summary>
    /// The reciprocity estimate of c (<see cref="ReciprocalCornerIntegral"/>) for <paramref name="net"/>'s total field on
    /// an arc of radius <paramref name="radius"/> (l) and the two walls inside it, with the wall flux from the Robin
    /// condition, du/dn = -Bi (u + offset / scale) (theta = offset + scale u; the constant cancels between the walls, as
    /// w changes sign). Why: the integral is path-independent, so it can be read where the PINN is accurate (values
    /// and gradients at radius 0.2-0.45, values on the walls) instead of at the corner, where its field is least accurate.
    /// </summary>
    public static double Reciprocal(FieldMlp net, double radius, double biot, double offsetOverScale, MlpWorkspace ws, int nodes = ReciprocalCornerIntegral.DefaultNodes)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(ws);
        var en = net.Enrichment ?? throw new ArgumentException("CornerCoefficient.Reciprocal: the network has no corner enrichment");
        var arc = ReciprocalCornerIntegral.ArcPoints(en.CornerX, en.CornerY, radius, nodes);
        net.Forward(arc, nodes, DerivativeOrder.Gradient, ws);
        var u = ws.Channel(0).ToArray();
        var ux = ws.Channel(1).ToArray();
        var uy = ws.Channel(2).ToArray();
        var walls = ReciprocalCornerIntegral.WallPoints(en.CornerX, en.CornerY, radius, nodes);
        net.Forward(walls, 2 * nodes, DerivativeOrder.Value, ws);
        var dn = ws.Output.ToArray();
        for (int i = 0; i < dn.Length; i++)
        {
            dn[i] = -biot * (dn[i] + offsetOverScale);
        }

        return ReciprocalCornerIntegral.Combine(radius, u, ux, uy, dn);
    }
}
