namespace SciTransfer.Core.Gpu.Pinn;

/// <summary>
/// The collocation points of a device PINN loss, on the host, ready to upload. Each point p carries
/// <list type="bullet">
/// <item>its input state: for each of the network's F input features, the value, its derivatives wrt the d
/// coordinates and its Laplacian (what <see cref="Nn.ForwardLaplacian.Stack"/> builds for untransformed coordinates:
/// x, unit vectors, 0; a transformed feature such as cos(k x) brings its own analytic derivatives), stored
/// slot-major: <c>State[((b * F) + j) * N + p]</c>, b = 0 (value), 1..d (d/dx_k), d + 1 (Laplacian);</item>
/// <item>a residual linear in the network output u and its derivatives,
/// r_p = a_v u + sum_k a_k du/dx_k + a_L lap u + c, and a loss weight w_p: the loss is sum_p w_p r_p^2
/// (so a mean over n points has w = 1/n). Stored <c>Coefficients[q * N + p]</c>, q = 0 (a_v), 1..d (a_k),
/// d + 1 (a_L), d + 2 (c), d + 3 (w).</item>
/// </list>
/// Examples: Poisson interior lap u + f = 0 (a_L 1, c f, w 1/N); Dirichlet boundary u = g (a_v 1, c -g);
/// Robin du/dn + Bi u = 0 (a_k = n_k, a_v = Bi).
/// </summary>
public sealed class PinnPointSet
{
    /// <summary>Allocates <paramref name="count"/> points of <paramref name="features"/> input features in <paramref name="dimensions"/> coordinates (all zero).</summary>
    public PinnPointSet(int count, int features, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Count = count;
        Features = features;
        Dimensions = dimensions;
        State = new double[(dimensions + 2) * features * count];
        Coefficients = new double[(dimensions + 4) * count];
    }

    /// <summary>Points N.</summary>
    public int Count { get; }

    /// <summary>Input features F of the network.</summary>
    public int Features { get; }

    /// <summary>Coordinate dimensions d.</summary>
    public int Dimensions { get; }

    /// <summary>Input states, [(d + 2) F, N] slot-major (see the class summary).</summary>
    public double[] State { get; }

    /// <summary>Residual coefficients and weights, [d + 4, N] (see the class summary).</summary>
    public double[] Coefficients { get; }

    /// <summary>
    /// Points given by their coordinates x [N, d] (row-major) entering the network untransformed (F = d): the state is
    /// [x; e_1; ...; e_d; 0] as <see cref="Nn.ForwardLaplacian.Stack"/> builds it. Residual coefficients are zero.
    /// </summary>
    public static PinnPointSet FromCoordinates(ReadOnlySpan<double> x, int dimensions)
    {
        if (dimensions < 1 || x.Length == 0 || x.Length % dimensions != 0)
        {
            throw new ArgumentException($"device PINN: {x.Length} coordinates are not N points of {dimensions} dimensions", nameof(x));
        }

        int n = x.Length / dimensions;
        var set = new PinnPointSet(n, dimensions, dimensions);
        for (int p = 0; p < n; p++)
        {
            for (int j = 0; j < dimensions; j++)
            {
                set.SetState(p, 0, j, x[(p * dimensions) + j]);
                set.SetState(p, j + 1, j, 1.0);
            }
        }

        return set;
    }

    /// <summary>Sets block <paramref name="block"/> (0 value, 1..d derivatives, d + 1 Laplacian) of feature <paramref name="feature"/> at point <paramref name="point"/>.</summary>
    public void SetState(int point, int block, int feature, double value) =>
        State[(((block * Features) + feature) * Count) + point] = value;

    /// <summary>Sets point <paramref name="point"/>'s residual a_v u + sum_k a_k u_k + a_L lap u + c and its loss weight.</summary>
    public void SetResidual(int point, double value, ReadOnlySpan<double> gradient, double laplacian, double constant, double weight)
    {
        if (gradient.Length != Dimensions)
        {
            throw new ArgumentException($"device PINN: {gradient.Length} gradient coefficients for {Dimensions} dimensions", nameof(gradient));
        }

        int d = Dimensions;
        Coefficients[point] = value;
        for (int k = 0; k < d; k++)
        {
            Coefficients[((k + 1) * Count) + point] = gradient[k];
        }

        Coefficients[((d + 1) * Count) + point] = laplacian;
        Coefficients[((d + 2) * Count) + point] = constant;
        Coefficients[((d + 3) * Count) + point] = weight;
    }

    /// <summary>The points of <paramref name="sets"/> one after another (same features and dimensions).</summary>
    public static PinnPointSet Concat(IReadOnlyList<PinnPointSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0 || sets.Any(s => s.Features != sets[0].Features || s.Dimensions != sets[0].Dimensions))
        {
            throw new ArgumentException("device PINN: Concat needs at least one set, all of the same features and dimensions", nameof(sets));
        }

        var all = new PinnPointSet(sets.Sum(s => s.Count), sets[0].Features, sets[0].Dimensions);
        int start = 0;
        foreach (var s in sets)
        {
            CopyRows(s.State, s.Count, all.State, all.Count, start);
            CopyRows(s.Coefficients, s.Count, all.Coefficients, all.Count, start);
            start += s.Count;
        }

        return all;
    }

    private static void CopyRows(double[] from, int fromCount, double[] to, int toCount, int start)
    {
        int rows = from.Length / fromCount;
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(from, r * fromCount, to, (r * toCount) + start, fromCount);
        }
    }
}
