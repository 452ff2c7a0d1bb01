namespace SciTransfer.Quantum.Data;

/// <summary>
/// Turns a sample of an <see cref="ImageTable"/> into the vector the encodings read: images of any size are resized
/// bilinearly (pixel centres aligned) to Side x Side = 256 values, the 8-qubit amplitude count; feature vectors are
/// used as they are.
/// </summary>
public static class SampleVectors
{
    /// <summary>Side of resized images (16 x 16 = 2^8 amplitudes).</summary>
    public const int Side = 16;

    /// <summary>Length of the vectors of <paramref name="table"/>.</summary>
    public static int Length(ImageTable table) => table.IsImage ? Side * Side : table.Size;

    /// <summary>Writes the vector of sample <paramref name="index"/> into <paramref name="destination"/> (length <see cref="Length"/>).</summary>
    public static void Write(ImageTable table, int index, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(table);
        var img = table.Sample(index);
        if (!table.IsImage)
        {
            for (int j = 0; j < img.Length; j++)
            {
                destination[j] = img[j];
            }

            return;
        }

        ResizeBilinear(img, table.Height, table.Width, 1.0, destination);
    }

    /// <summary>
    /// Bilinear resize (pixel centres aligned) of an <paramref name="h"/> x <paramref name="w"/> image, row-major, to
    /// Side x Side values, each multiplied by <paramref name="scale"/> (1 for already scaled intensities).
    /// </summary>
    public static void ResizeBilinear<T>(ReadOnlySpan<T> img, int h, int w, double scale, Span<double> destination)
        where T : unmanaged, System.Numerics.INumberBase<T> => ResizeBilinear(img, h, w, scale, Side, Side, destination);

    /// <summary>
    /// Bilinear resize (pixel centres aligned) of an <paramref name="h"/> x <paramref name="w"/> image, row-major, to
    /// <paramref name="outH"/> x <paramref name="outW"/> values (row-major), each multiplied by <paramref name="scale"/>;
    /// e.g. the 8 x 8 digits up to the 28 x 28 of MNIST.
    /// </summary>
    public static void ResizeBilinear<T>(ReadOnlySpan<T> img, int h, int w, double scale, int outH, int outW, Span<double> destination)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (int r = 0; r < outH; r++)
        {
            double sy = Math.Clamp(((r + 0.5) * h / outH) - 0.5, 0, h - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int c = 0; c < outW; c++)
            {
                double sx = Math.Clamp(((c + 0.5) * w / outW) - 0.5, 0, w - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, w - 1);
                double fx = sx - x0;
                double p00 = double.CreateTruncating(img[(y0 * w) + x0]), p01 = double.CreateTruncating(img[(y0 * w) + x1]);
                double p10 = double.CreateTruncating(img[(y1 * w) + x0]), p11 = double.CreateTruncating(img[(y1 * w) + x1]);
                destination[(r * outW) + c] = scale * (((1 - fy) * (((1 - fx) * p00) + (fx * p01))) + (fy * (((1 - fx) * p10) + (fx * p11))));
            }
        }
    }
}
