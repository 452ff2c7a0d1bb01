namespace SciTransfer.Quantum.Data;

/// <summary>
/// Labelled samples from a user's file, before encoding: Count x Height x Width values, row-major. Images (IDX, or CSV
/// pixels) hold intensities in [0, 1]; feature tables (CSV features) have Height = 1 and hold the values as given.
/// </summary>
/// <param name="File">The file the samples came from (named in errors and in the problem description).</param>
/// <param name="Height">Rows per image (1 for a feature table).</param>
/// <param name="Width">Columns per image (the feature count for a feature table).</param>
/// <param name="Values">Count x Height x Width values.</param>
/// <param name="Labels">Class of each sample.</param>
/// <param name="IsImage">True for images (resized by the encodings), false for feature vectors (used as they are).</param>
/// <param name="FirstRow">1-based line of sample 0 in a CSV (header = 1), or 0 for IDX (sample i is image i).</param>
public sealed record ImageTable(string File, int Height, int Width, float[] Values, int[] Labels, bool IsImage, int[]? FirstRow = null)
{
    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Values per sample.</summary>
    public int Size => Height * Width;

    /// <summary>The values of sample <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Sample(int i) => Values.AsSpan(i * Size, Size);

    /// <summary>Where sample <paramref name="i"/> is in its file, for messages ("row 12" or "image 12").</summary>
    public string Where(int i) => FirstRow is null ? $"image {i} (0-based)" : $"row {FirstRow[i]}";

    /// <summary>An IDX pair as a table (pixels / 255).</summary>
    public static ImageTable From(ImageSet set, string file)
    {
        ArgumentNullException.ThrowIfNull(set);
        var v = new float[set.Raw.Length];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = set.Raw[i] * set.Scale;
        }

        return new ImageTable(file, set.Height, set.Width, v, [.. set.Labels.Select(b => (int)b)], true);
    }
}
