using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Finds loss terms that the network satisfies by construction, so balancing them is meaningless: a residual
/// r = c du/dx (no value, y-derivative, Laplacian or constant part) at points on the mirror planes x = 0 or
/// x = <see cref="FieldMlp.MirrorPeriod"/> of a network with the mirror feature cos(pi x / period), whose x-derivative
/// vanishes there. The heat sink's symmetry term is such a term: its loss is ~1e-33 at any parameters, and a
/// balancer that rescales by loss ratios or gradient ratios gives it weights of 1e33 and more.
/// </summary>
public static class VacuousTerms
{
    /// <summary>True when <paramref name="set"/> holds identically for <paramref name="net"/> (see the class summary).</summary>
    public static bool IsVacuous(ResidualSet set, FieldMlp net)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(net);
        double period = net.MirrorPeriod;
        if (period <= 0 || set.Order == DerivativeOrder.Laplacian || set.Order == DerivativeOrder.Value || set.Count == 0)
        {
            return false;
        }

        double tolerance = 1e-12 * period;
        for (int b = 0; b < set.Count; b++)
        {
            double x = set.Points[2 * b];
            bool onPlane = Math.Abs(x) <= tolerance || Math.Abs(x - period) <= tolerance;
            if (!onPlane || set.Value[b] != 0 || set.GradY[b] != 0 || set.Constant[b] != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Per term of <paramref name="sets"/>: true when it is not vacuous (it takes part in balancing).</summary>
    public static bool[] ActiveMask(IReadOnlyList<ResidualSet> sets, FieldMlp net)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return [.. sets.Select(s => !IsVacuous(s, net))];
    }
}
