using SciTransfer.Core.Autodiff;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Differentiable discrepancies between two samples of features (rows), built from <see cref="Ops"/>, for
/// feature-level domain adaptation: the loss is added to the training loss on a hidden layer so the network learns
/// features on which source and target look alike.
/// </summary>
public static class DomainLosses
{
    /// <summary>Bandwidth multipliers of <see cref="Mmd(Var, Var)"/>: the median-heuristic squared bandwidth times these.</summary>
    public static IReadOnlyList<double> BandwidthMultipliers { get; } = [0.25, 0.5, 1, 2, 4];

    /// <summary>
    /// Deep CORAL loss (Sun &amp; Saenko 2016): ||C_s - C_t||_F^2 / (4 d^2), C the sample covariance (divisor n - 1)
    /// of the rows of <paramref name="source"/> [n_s, d] and <paramref name="target"/> [n_t, d]. Returns shape [1].
    /// </summary>
    public static Var Coral(Var source, Var target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        Check(source, target, "Coral");
        int d = source.Value.Shape[1];
        var diff = Ops.Sub(Covariance(source), Covariance(target));
        return Ops.Scale(Ops.Sum(Ops.Square(diff)), 1.0 / (4.0 * d * d));
    }

    /// <summary>Sample covariance [d, d] of the rows of <paramref name="x"/> [n, d] (divisor n - 1).</summary>
    public static Var Covariance(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Value.Shape[0];
        if (n < 2)
        {
            throw new ArgumentException($"Covariance: needs at least 2 rows, got {x.ShapeText}.");
        }

        var centred = Ops.Sub(x, Ops.Scale(Ops.SumRows(x), 1.0 / n));
        return Ops.Scale(Ops.MatMul(Ops.Transpose(centred), centred), 1.0 / (n - 1));
    }

    /// <summary>
    /// Squared maximum mean discrepancy with a multi-kernel Gaussian estimator (Gretton et al. 2012; Long et al. 2015,
    /// DAN): MMD^2 = mean K(s, s') + mean K(t, t') - 2 mean K(s, t) (the biased V-statistic), K(a, b) = (1/M) sum_m
    /// exp(-||a - b||^2 / (2 sigma_m^2)), sigma_m^2 = c_m sigma^2 with c_m = <see cref="BandwidthMultipliers"/> and
    /// sigma^2 the median of the pairwise squared distances of the pooled sample (the median heuristic; computed from
    /// the values, not differentiated). Returns shape [1].
    /// </summary>
    public static Var Mmd(Var source, Var target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        Check(source, target, "Mmd");
        var dss = SquaredDistances(source, source);
        var dtt = SquaredDistances(target, target);
        var dst = SquaredDistances(source, target);
        return Mmd(dss, dtt, dst, MedianOffDiagonal(dss.Value.Span, dtt.Value.Span, dst.Value.Span, source.Value.Shape[0], target.Value.Shape[0]));
    }

    /// <summary>As <see cref="Mmd(Var, Var)"/> with a given base squared bandwidth <paramref name="sigma2"/> instead of the median heuristic.</summary>
    public static Var Mmd(Var source, Var target, double sigma2)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        Check(source, target, "Mmd");
        if (!(sigma2 > 0) || double.IsInfinity(sigma2))
        {
            throw new ArgumentException($"Mmd: squared bandwidth must be positive and finite, got {sigma2}.");
        }

        return Mmd(SquaredDistances(source, source), SquaredDistances(target, target), SquaredDistances(source, target), sigma2);
    }

    private static Var Mmd(Var dss, Var dtt, Var dst, double sigma2)
    {
        Var? total = null;
        foreach (double c in BandwidthMultipliers)
        {
            double k = -1.0 / (2.0 * c * sigma2);
            var term = Ops.Sub(
                Ops.Add(Ops.Mean(Ops.Exp(Ops.Scale(dss, k))), Ops.Mean(Ops.Exp(Ops.Scale(dtt, k)))),
                Ops.Scale(Ops.Mean(Ops.Exp(Ops.Scale(dst, k))), 2.0));
            total = total is null ? term : Ops.Add(total, term);
        }

        return Ops.Scale(total!, 1.0 / BandwidthMultipliers.Count);
    }

    /// <summary>||a_i - b_j||^2 as [n_a, n_b] = |a_i|^2 + |b_j|^2 - 2 a_i . b_j.</summary>
    public static Var SquaredDistances(Var a, Var b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int nb = b.Value.Shape[0];
        var cross = Ops.Scale(Ops.MatMul(a, Ops.Transpose(b)), -2.0);
        var ra = Ops.SumColumns(Ops.Square(a));
        var rb = Ops.Reshape(Ops.SumColumns(Ops.Square(b)), 1, nb);
        return Ops.Add(Ops.Add(cross, ra), rb);
    }

    private static double MedianOffDiagonal(ReadOnlySpan<double> ss, ReadOnlySpan<double> tt, ReadOnlySpan<double> st, int ns, int nt)
    {
        var all = new List<double>((ns * ns) + (nt * nt) + (2 * ns * nt));
        for (int i = 0; i < ns; i++)
        {
            for (int j = 0; j < ns; j++)
            {
                if (i != j)
                {
                    all.Add(ss[(i * ns) + j]);
                }
            }
        }

        for (int i = 0; i < nt; i++)
        {
            for (int j = 0; j < nt; j++)
            {
                if (i != j)
                {
                    all.Add(tt[(i * nt) + j]);
                }
            }
        }

        foreach (double v in st)
        {
            all.Add(v);
            all.Add(v);
        }

        all.Sort();
        double median = all.Count % 2 == 1 ? all[all.Count / 2] : 0.5 * (all[(all.Count / 2) - 1] + all[all.Count / 2]);
        return Math.Max(median, 1e-12);
    }

    private static void Check(Var source, Var target, string op)
    {
        if (source.Value.Rank != 2 || target.Value.Rank != 2 || source.Value.Shape[1] != target.Value.Shape[1])
        {
            throw new ArgumentException($"{op}: needs feature matrices [n_s, d] and [n_t, d], got {source.ShapeText} and {target.ShapeText}.");
        }

        if (source.Value.Shape[0] < 2 || target.Value.Shape[0] < 2)
        {
            throw new ArgumentException($"{op}: needs at least 2 rows on each side, got {source.ShapeText} and {target.ShapeText}.");
        }
    }
}
