using SciTransfer.Quantum.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// One domain's image file as the config names it: an IDX image file with its IDX label file, or a CSV (".csv",
/// ".csv.gz") holding the labels in a named column. Loaded once per problem and shared by its repeats.
/// </summary>
internal sealed class ImageFileSpec
{
    private readonly Lazy<ImageTable> _table;

    /// <summary>Describes the file; nothing is read until <see cref="Table"/>.</summary>
    /// <param name="role">"source" or "target", for messages.</param>
    /// <param name="images">Where the images option points (resolved or its error).</param>
    /// <param name="labels">Where the labels option points (IDX only).</param>
    /// <param name="labelColumn">CSV label column.</param>
    /// <param name="layout">CSV layout.</param>
    /// <param name="imageWidth">CSV pixels: image width (0 = square).</param>
    public ImageFileSpec(string role, DataLocation images, DataLocation? labels, string labelColumn, CsvLayout layout, int imageWidth)
    {
        Role = role;
        Images = images;
        Labels = labels;
        _table = new Lazy<ImageTable>(() => IsCsv(images.Require())
            ? CsvImages.Load(images.Require(), labelColumn, layout, imageWidth)
            : ImageTable.From(IdxFile.LoadPair(images.Require(), (labels ?? throw new InvalidOperationException("IDX images need a label file")).Require()), images.Require()));
    }

    /// <summary>"source" or "target".</summary>
    public string Role { get; }

    /// <summary>The image (or CSV) file.</summary>
    public DataLocation Images { get; }

    /// <summary>The IDX label file (null for CSV).</summary>
    public DataLocation? Labels { get; }

    /// <summary>The loaded samples (loaded on first use; errors name the file).</summary>
    public ImageTable Table => _table.Value;

    /// <summary>True for a CSV path (".csv" or ".csv.gz", any case).</summary>
    public static bool IsCsv(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Short text for the problem description.</summary>
    public string Describe() => (Images.Note is not null ? Images.Note + ", " : string.Empty)
        + (Images.Path ?? "(file not found)")
        + (Images.Path is not null && IsCsv(Images.Path) ? " (CSV)" : " (IDX)");

    /// <summary>Rows of <paramref name="classes"/> in file order; each class must occur at least <paramref name="min"/> times.</summary>
    public int[] RowsOf(int[] classes, int min)
    {
        var t = Table;
        foreach (int c in classes)
        {
            int count = t.Labels.Count(l => l == c);
            if (count < min)
            {
                var present = t.Labels.Distinct().Order().Take(20);
                throw new DataFormatException(t.File, 0, "label", $"{Role} class {c} has {count} samples, need at least {min}; labels present: {string.Join(", ", present)}");
            }
        }

        return [.. Enumerable.Range(0, t.Count).Where(i => t.Labels[i] == classes[0] || t.Labels[i] == classes[1])];
    }
}
