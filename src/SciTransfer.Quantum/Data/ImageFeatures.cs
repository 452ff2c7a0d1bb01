using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace SciTransfer.Quantum.Data;

/// <summary>
/// The shared feature map of the image problems (as in Hur-Kim-Park's "pca8" input): each image is
/// resized to 16x16 (bilinear), projected on the 8 leading principal components fitted on the SOURCE
/// images, standardised with the source statistics, clipped to +-3 sigma and mapped linearly to an
/// angle in [0, pi]. The target domain goes through the source-fitted map, like the frozen CNN of
/// Kim-Huh-Park's classical-to-quantum transfer.
/// </summary>
public sealed class ImageFeatures
{
    /// <summary>Side of the resized images.</summary>
    public const int Side = 16;

    private readonly double[] _mean;       // [256]
    private readonly double[] _components; // [k, 256]
    private readonly double[] _projMean;   // [k]
    private readonly double[] _projStd;    // [k]

    private ImageFeatures(int k, double[] mean, double[] components, double[] projMean, double[] projStd)
    {
        FeatureCount = k;
        _mean = mean;
        _components = components;
        _projMean = projMean;
        _projStd = projStd;
    }

    /// <summary>Number of features (principal components).</summary>
    public int FeatureCount { get; }

    /// <summary>Fits the map on images (a subset of <paramref name="images"/> given by <paramref name="indices"/>).</summary>
    public static ImageFeatures Fit(ImageSet images, ReadOnlySpan<int> indices, int components = 8)
    {
        int n = indices.Length, d = Side * Side;
        if (n < 2)
        {
            throw new ArgumentException("ImageFeatures.Fit: need at least two images");
        }

        var x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            Resize(images, indices[i], x.AsSpan(i * d, d));
        }

        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += x[(i * d) + j] / n;
            }
        }

        var cov = Matrix<double>.Build.Dense(d, d);
        var centered = Matrix<double>.Build.Dense(n, d, (i, j) => x[(i * d) + j] - mean[j]);
        cov = centered.TransposeThisAndMultiply(centered) / (n - 1);
        var evd = cov.Evd(Symmetricity.Symmetric);
        // MathNet orders symmetric eigenvalues ascending: take the last k, fix each sign by its largest entry.
        var comps = new double[components * d];
        for (int c = 0; c < components; c++)
        {
            var v = evd.EigenVectors.Column(d - 1 - c);
            int arg = v.AbsoluteMaximumIndex();
            double sign = v[arg] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++)
            {
                comps[(c * d) + j] = sign * v[j];
            }
        }

        var proj = new double[n * components];
        var pm = new double[components];
        var ps = new double[components];
        var tmp = new ImageFeatures(components, mean, comps, new double[components], new double[components]);
        for (int i = 0; i < n; i++)
        {
            tmp.Project(x.AsSpan(i * d, d), proj.AsSpan(i * components, components));
        }

        for (int c = 0; c < components; c++)
        {
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++)
            {
                s += proj[(i * components) + c];
            }

            pm[c] = s / n;
            for (int i = 0; i < n; i++)
            {
                double dv = proj[(i * components) + c] - pm[c];
                s2 += dv * dv;
            }

            ps[c] = Math.Sqrt(s2 / (n - 1)) + 1e-12;
        }

        return new ImageFeatures(components, mean, comps, pm, ps);
    }

    /// <summary>Angles in [0, pi] for image <paramref name="index"/> (destination length = FeatureCount).</summary>
    public void Transform(ImageSet images, int index, Span<double> destination)
    {
        Span<double> x = stackalloc double[Side * Side];
        Resize(images, index, x);
        Project(x, destination);
        for (int c = 0; c < FeatureCount; c++)
        {
            double z = Math.Clamp((destination[c] - _projMean[c]) / _projStd[c], -3, 3);
            destination[c] = Math.PI * (z + 3) / 6;
        }
    }

    /// <summary>Bilinear resize of one image to 16x16 (pixel centres aligned).</summary>
    public static void Resize(ImageSet images, int index, Span<double> destination)
    {
        var img = images.Image(index);
        int h = images.Height, w = images.Width;
        double scale = images.Scale;
        for (int r = 0; r < Side; r++)
        {
            double sy = Math.Clamp(((r + 0.5) * h / Side) - 0.5, 0, h - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int c = 0; c < Side; c++)
            {
                double sx = Math.Clamp(((c + 0.5) * w / Side) - 0.5, 0, w - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, w - 1);
                double fx = sx - x0;
                destination[(r * Side) + c] = scale * (
                    ((1 - fy) * (((1 - fx) * img[(y0 * w) + x0]) + (fx * img[(y0 * w) + x1])))
                    + (fy * (((1 - fx) * img[(y1 * w) + x0]) + (fx * img[(y1 * w) + x1]))));
            }
        }
    }

    private void Project(ReadOnlySpan<double> x, Span<double> destination)
    {
        int d = Side * Side;
        for (int c = 0; c < FeatureCount; c++)
        {
            double acc = 0;
            for (int j = 0; j < d; j++)
            {
                acc += _components[(c * d) + j] * (x[j] - _mean[j]);
            }

            destination[c] = acc;
        }
    }
}
