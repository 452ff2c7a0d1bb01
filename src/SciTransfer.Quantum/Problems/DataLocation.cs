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
internal sealed record DataLocation(string? Path, ConfigException? Error)
{
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
