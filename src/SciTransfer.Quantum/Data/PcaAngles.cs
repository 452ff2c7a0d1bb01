using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace SciTransfer.Quantum.Data;

/// <summary>
/// PCA-k angle map on vectors of any length D (<see cref="ImageFeatures"/> applies it to 16x16 resized images): the
/// k leading principal components of the fitting rows, each projection standardised with the fitting statistics, clipped to +-3 sigma and mapped
/// linearly to [0, pi]. Fitted on the source only; the target goes through the same map.
/// </summary>
public sealed class PcaAngles
{
    private readonly int _d;
    private readonly double[] _mean;       // [D]
    private readonly double[] _components; // [k, D]
    private readonly double[] _projMean;   // [k]
    private readonly double[] _projStd;    // [k]

    private PcaAngles(int d, int k, double[] mean, double[] components, double[] projMean, double[] projStd)
    {
        _d = d;
        Components = k;
        _mean = mean;
        _components = components;
        _projMean = projMean;
        _projStd = projStd;
    }

    /// <summary>Number of angles k.</summary>
    public int Components { get; }

    /// <summary>Fits on <paramref name="rows"/> (n x <paramref name="d"/>, row-major), n &gt;= 2, k &lt;= d.</summary>
    public static PcaAngles Fit(double[] rows, int d, int k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Length / d;
        if (n < 2 || k < 1 || k > d)
        {
            throw new ArgumentException($"PcaAngles.Fit: need n >= 2 rows and 1 <= k <= D (n = {n}, k = {k}, D = {d})");
        }

        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += rows[(i * d) + j] / n;
            }
        }

        var centered = Matrix<double>.Build.Dense(n, d, (i, j) => rows[(i * d) + j] - mean[j]);
        var evd = (centered.TransposeThisAndMultiply(centered) / (n - 1)).Evd(Symmetricity.Symmetric);
        // Eigenvalues come ascending: take the last k; fix each sign by its largest entry so the map is reproducible.
        var comps = new double[k * d];
        for (int c = 0; c < k; c++)
        {
            var v = evd.EigenVectors.Column(d - 1 - c);
            double sign = v[v.AbsoluteMaximumIndex()] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++)
            {
                comps[(c * d) + j] = sign * v[j];
            }
        }

        var raw = new PcaAngles(d, k, mean, comps, new double[k], new double[k]);
        var proj = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            raw.Project(rows.AsSpan(i * d, d), proj.AsSpan(i * k, k));
        }

        var pm = new double[k];
        var ps = new double[k];
        for (int c = 0; c < k; c++)
        {
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++)
            {
                s += proj[(i * k) + c];
            }

            pm[c] = s / n;
            for (int i = 0; i < n; i++)
            {
                double dv = proj[(i * k) + c] - pm[c];
                s2 += dv * dv;
            }

            ps[c] = Math.Sqrt(s2 / (n - 1)) + 1e-12;
        }

        return new PcaAngles(d, k, mean, comps, pm, ps);
    }

    /// <summary>The k angles in [0, pi] of one vector of length D.</summary>
    public void Transform(ReadOnlySpan<double> x, Span<double> angles)
    {
        Project(x, angles);
        for (int c = 0; c < Components; c++)
        {
            double z = Math.Clamp((angles[c] - _projMean[c]) / _projStd[c], -3, 3);
            angles[c] = Math.PI * (z + 3) / 6;
        }
    }

    private void Project(ReadOnlySpan<double> x, Span<double> destination)
    {
        for (int c = 0; c < Components; c++)
        {
            double acc = 0;
            for (int j = 0; j < _d; j++)
            {
                acc += _components[(c * _d) + j] * (x[j] - _mean[j]);
            }

            destination[c] = acc;
        }
    }
}
