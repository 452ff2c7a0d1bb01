namespace SciTransfer.Quantum.Data;

/// <summary>Grey-scale images in [0, 1], Count x (Height x Width) row-major, with integer class labels.</summary>
/// <param name="Height">Rows per image.</param>
/// <param name="Width">Columns per image.</param>
/// <param name="Pixels">Count x Height x Width intensities in [0, 1].</param>
/// <param name="Labels">Class of each image.</param>
public sealed record ImageSet(int Height, int Width, float[] Pixels, byte[] Labels)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Pixels of image <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Image(int i) => Pixels.AsSpan(i * Height * Width, Height * Width);
}
