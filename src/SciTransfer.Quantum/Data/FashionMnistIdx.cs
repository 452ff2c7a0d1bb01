using System.Buffers.Binary;
using System.IO.Compression;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Quantum.Data;

/// <summary>
/// Fashion-MNIST (Zalando Research, MIT licence) from IDX files, e.g. the Debian package
/// dataset-fashion-mnist under /usr/share/datasets/fashion-mnist/ (train-images-idx3-ubyte.gz,
/// train-labels-idx1-ubyte.gz). Pixels are scaled from 0..255 to [0, 1].
/// </summary>
public static class FashionMnistIdx
{
    /// <summary>Where the Debian package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    private static readonly Dictionary<string, ImageSet> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    /// <summary>True when the training image and label files exist in <paramref name="directory"/>.</summary>
    public static bool IsAvailable(string directory) =>
        FindFile(directory, "train-images-idx3-ubyte") is not null && FindFile(directory, "train-labels-idx1-ubyte") is not null;

    /// <summary>Loads (and caches) the 60 000 training images of <paramref name="directory"/>.</summary>
    public static ImageSet LoadTrain(string directory)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(directory, out var cached))
            {
                return cached;
            }
        }

        string images = FindFile(directory, "train-images-idx3-ubyte")
            ?? throw new FileNotFoundException($"Fashion-MNIST not found: no train-images-idx3-ubyte(.gz) in {directory}; install the Debian package dataset-fashion-mnist or set the problem option \"fashion_dir\"");
        string labels = FindFile(directory, "train-labels-idx1-ubyte")
            ?? throw new FileNotFoundException($"Fashion-MNIST not found: no train-labels-idx1-ubyte(.gz) in {directory}");
        byte[] img = ReadAll(images);
        byte[] lab = ReadAll(labels);
        int count = CheckHeader(images, img, 0x00000803, 16);
        int rows = BinaryPrimitives.ReadInt32BigEndian(img.AsSpan(8));
        int cols = BinaryPrimitives.ReadInt32BigEndian(img.AsSpan(12));
        int labelCount = CheckHeader(labels, lab, 0x00000801, 8);
        if (labelCount != count)
        {
            throw new DataFormatException(labels, 1, "count", $"{labelCount} labels for {count} images in {images}");
        }

        if (img.Length != 16 + ((long)count * rows * cols) || lab.Length != 8 + count)
        {
            throw new DataFormatException(images, 1, "length", $"file sizes do not match the headers ({count} images of {rows}x{cols})");
        }

        var set = new ImageSet(rows, cols, img.AsSpan(16).ToArray(), 1f / 255, lab.AsSpan(8).ToArray());
        lock (CacheLock)
        {
            Cache[directory] = set;
        }

        return set;
    }

    private static int CheckHeader(string path, byte[] data, int magic, int headerBytes)
    {
        if (data.Length < headerBytes || BinaryPrimitives.ReadInt32BigEndian(data) != magic)
        {
            throw new DataFormatException(path, 1, "magic", $"not an IDX file with magic 0x{magic:X8}");
        }

        return BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
    }

    private static string? FindFile(string directory, string stem)
    {
        foreach (string name in new[] { stem + ".gz", stem })
        {
            string p = Path.Combine(directory, name);
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }

    private static byte[] ReadAll(string path)
    {
        using var file = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}
