namespace SciTransfer.Quantum.Data;

/// <summary>
/// Grey-scale images stored as raw bytes (Count x Height x Width, row-major) with a scale that maps
/// them to [0, 1] (1/16 for the digits, 1/255 for Fashion-MNIST): 47 MB for Fashion-MNIST instead of 188.
/// </summary>
/// <param name="Height">Rows per image.</param>
/// <param name="Width">Columns per image.</param>
/// <param name="Raw">Count x Height x Width raw intensities.</param>
/// <param name="Scale">Intensity = Raw * Scale, in [0, 1].</param>
/// <param name="Labels">Class of each image.</param>
public sealed record ImageSet(int Height, int Width, byte[] Raw, float Scale, byte[] Labels)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Raw intensities of image <paramref name="i"/> (multiply by <see cref="Scale"/>).</summary>
    public ReadOnlySpan<byte> Image(int i) => Raw.AsSpan(i * Height * Width, Height * Width);

    /// <summary>Intensity in [0, 1] of pixel <paramref name="p"/> of image <paramref name="i"/>.</summary>
    public float Pixel(int i, int p) => Raw[(i * Height * Width) + p] * Scale;
}
