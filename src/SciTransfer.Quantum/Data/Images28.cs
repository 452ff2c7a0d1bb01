namespace SciTransfer.Quantum.Data;

/// <summary>
/// Images as the 28 x 28 intensities in [0, 1] that <see cref="Models.FeatureCnn"/> reads (Count x 784 doubles,
/// row-major): 28 x 28 sets (Fashion-MNIST, MNIST) are scaled, others (the 8 x 8 UCI digits) are resized bilinearly
/// with <see cref="SampleVectors.ResizeBilinear{T}(ReadOnlySpan{T}, int, int, double, int, int, Span{double})"/>.
/// </summary>
public static class Images28
{
    /// <summary>Pixels per image.</summary>
    public const int Pixels = Models.FeatureCnn.Side * Models.FeatureCnn.Side;

    /// <summary>The images <paramref name="rows"/> of <paramref name="set"/>, in that order, as Count x 784 intensities.</summary>
    public static double[] Of(ImageSet set, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(set);
        var x = new double[rows.Length * Pixels];
        const int S = Models.FeatureCnn.Side;
        for (int i = 0; i < rows.Length; i++)
        {
            var dst = x.AsSpan(i * Pixels, Pixels);
            var img = set.Image(rows[i]);
            if (set.Height == S && set.Width == S)
            {
                for (int p = 0; p < Pixels; p++)
                {
                    dst[p] = img[p] * (double)set.Scale;
                }
            }
            else
            {
                SampleVectors.ResizeBilinear(img, set.Height, set.Width, set.Scale, S, S, dst);
            }
        }

        return x;
    }
}
