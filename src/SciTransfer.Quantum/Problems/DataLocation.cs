using SciTransfer.Quantum.Data;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// A data file or folder named by an option: its absolute path, or the config error to raise when a repeat's data is
/// generated (not when the problem is built, so listing and checking configs work on machines without the data).
/// </summary>
/// <param name="Path">The absolute path, or null when not found.</param>
/// <param name="Error">Why it was not found (file, JSON path, the absolute paths tried), or null.</param>
/// <param name="Note">What was used when it is not what the option names (the shipped subset), for the description.</param>
internal sealed record DataLocation(string? Path, ConfigException? Error, string? Note = null)
{
    /// <summary>The shipped Fashion-MNIST subset (relative to the repository root), used when the full files are absent.</summary>
    public const string FashionSubsetFolder = "datasets/fashion-mnist-subset";

    /// <summary>The path, or the error thrown.</summary>
    public string Require() => Path ?? throw Error!;

    /// <summary>
    /// A file option: relative to the config file's folder, then the working directory (<see cref="DataPaths"/>).
    /// When the value is <paramref name="shippedDefault"/> (a file the repository ships), it is also looked for
    /// upwards from the working directory and from the program's folder, so the default works from a build output.
    /// </summary>
    public static DataLocation File(ProblemOptions o, string name, string shippedDefault)
    {
        string value = o.Text(name);
        try
        {
            return new(DataPaths.Resolve(value, o.File, JsonPathOf(o, name)), null);
        }
        catch (ConfigException e)
        {
            if (!string.Equals(value, shippedDefault, StringComparison.Ordinal))
            {
                return new(null, e);
            }

            var starts = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
            return Upwards(value, starts) is { } found
                ? new(found, null)
                : new(null, o.Error(name, $"{e.Problem}, nor in the parents of {string.Join(" or ", starts)}"));
        }
    }

    /// <summary>
    /// The Fashion-MNIST folder option: relative to the config file's folder, then the working directory; it must
    /// hold the training IDX files. The error names the Debian package that installs them.
    /// </summary>
    public static DataLocation FashionFolder(ProblemOptions o, string name)
    {
        const string Hint = "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or point fashion_dir at train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz)";
        string dir;
        try
        {
            dir = DataPaths.Resolve(o.Text(name), o.File, JsonPathOf(o, name), folder: true);
        }
        catch (ConfigException e)
        {
            return new(null, o.Error(name, $"Fashion-MNIST IDX files not found: {e.Problem}; {Hint}"));
        }

        return FashionMnistIdx.IsAvailable(dir)
            ? new(dir, null)
            : new(null, o.Error(name, $"Fashion-MNIST IDX files not found in {dir}; {Hint}"));
    }

    /// <summary>
    /// Like <see cref="FashionFolder"/>, but when the option keeps its default (the Debian package's folder) and the
    /// full files are not there, the shipped subset is used instead, so the default study needs no root; the
    /// <see cref="Note"/> says so. A folder the user names is never replaced.
    /// </summary>
    public static DataLocation FashionFolderOrSubset(ProblemOptions o, string name)
    {
        var full = FashionFolder(o, name);
        if (full.Path is not null || !string.Equals(o.Text(name), FashionMnistIdx.DefaultDirectory, StringComparison.Ordinal))
        {
            return full;
        }

        return Subset() is { } subset ? new(subset, null, SubsetNote(subset)) : full;
    }

    /// <summary>
    /// An IDX file option whose default is a file of the Debian package's Fashion-MNIST folder: when it keeps that
    /// default and the file is absent, the same-named file of the shipped subset is used (said in <see cref="Note"/>).
    /// Other values resolve as <see cref="File"/> with <paramref name="shippedDefault"/>.
    /// </summary>
    public static DataLocation FashionFileOrSubset(ProblemOptions o, string name, string shippedDefault)
    {
        string value = o.Text(name);
        var plain = File(o, name, shippedDefault);
        if (plain.Path is not null
            || !string.Equals(System.IO.Path.GetDirectoryName(value), FashionMnistIdx.DefaultDirectory, StringComparison.Ordinal)
            || Subset() is not { } subset)
        {
            return plain;
        }

        string p = System.IO.Path.Combine(subset, System.IO.Path.GetFileName(value));
        return System.IO.File.Exists(p) ? new(p, null, SubsetNote(subset)) : plain;
    }

    /// <summary>The shipped subset's folder, found upwards from the working directory and the program folder.</summary>
    public static string? Subset()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string p = System.IO.Path.Combine(d.FullName, FashionSubsetFolder);
                if (FashionMnistIdx.IsAvailable(p))
                {
                    return p;
                }
            }
        }

        return null;
    }

    private static string SubsetNote(string subset) =>
        $"the shipped Fashion-MNIST subset {subset} (the full files of the Debian package dataset-fashion-mnist are not in {FashionMnistIdx.DefaultDirectory})";

    // The options object's JSON path of the key, as ProblemOptions.Error writes it.
    private static string JsonPathOf(ProblemOptions o, string name) => o.Error(name, "").JsonPath;

    private static string? Upwards(string relative, IEnumerable<string> starts)
    {
        foreach (string start in starts)
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string p = System.IO.Path.Combine(d.FullName, relative);
                if (System.IO.File.Exists(p))
                {
                    return p;
                }
            }
        }

        return null;
    }
}
