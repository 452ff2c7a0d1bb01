namespace SciTransfer.Quantum.Data;

/// <summary>
/// The shared feature map of the image problems (as in Hur-Kim-Park's "pca8" input): each image is
/// resized to 16x16 (bilinear), projected on the 8 leading principal components fitted on the SOURCE
/// images, standardised with the source statistics, clipped to +-3 sigma and mapped linearly to an
/// angle in [0, pi] (<see cref="PcaAngles"/> on the resized images). The target domain goes through the
/// source-fitted map, like the frozen CNN of Kim-Huh-Park's classical-to-quantum transfer.
/// </summary>
public sealed class ImageFeatures
{
    /// <summary>Side of the resized images.</summary>
    public const int Side = SampleVectors.Side;

    private readonly PcaAngles _pca;

    private ImageFeatures(PcaAngles pca) => _pca = pca;

    /// <summary>Number of features (principal components).</summary>
    public int FeatureCount => _pca.Components;

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

        return new ImageFeatures(PcaAngles.Fit(x, d, components));
    }

    /// <summary>Angles in [0, pi] for image <paramref name="index"/> (destination length = FeatureCount).</summary>
    public void Transform(ImageSet images, int index, Span<double> destination)
    {
        Span<double> x = stackalloc double[Side * Side];
        Resize(images, index, x);
        _pca.Transform(x, destination);
    }

    /// <summary>Bilinear resize of one image to 16x16 (pixel centres aligned), intensities scaled to [0, 1].</summary>
    public static void Resize(ImageSet images, int index, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(images);
        SampleVectors.ResizeBilinear(images.Image(index), images.Height, images.Width, images.Scale, destination);
    }
}
