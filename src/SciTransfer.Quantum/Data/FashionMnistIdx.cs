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
        var set = IdxFile.LoadPair(images, labels);
        lock (CacheLock)
        {
            Cache[directory] = set;
        }

        return set;
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
}
