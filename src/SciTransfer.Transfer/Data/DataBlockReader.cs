using SciTransfer.Transfer.Config;

namespace SciTransfer.Transfer.Data;

/// <summary>Reads a problem entry's <c>"data"</c> block against the problem's <see cref="DataSpec"/>.</summary>
public static class DataBlockReader
{
    /// <summary>
    /// Resolves the named files (relative to the config file, then the working directory) and parses the split.
    /// Returns null when the entry has no data block and the problem requires none.
    /// </summary>
    /// <param name="entry">The problem entry's reader.</param>
    /// <param name="spec">What the problem reads; null when it reads no files.</param>
    public static DataBlock? Read(OptionsReader entry, DataSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.Has("data"))
        {
            // Problems that can also generate their data run on generated data without a block.
            return null;
        }

        if (spec is null)
        {
            throw entry.Error("data", "this problem generates its data and reads no files; remove the data block");
        }

        var block = entry.GetObject("data");
        var filesReader = block.GetObject("files");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in spec.Files)
        {
            if (!filesReader.Has(f.Name))
            {
                if (f.Required)
                {
                    throw filesReader.Error(f.Name, $"missing required file ({f.Doc})");
                }

                continue;
            }

            string path = filesReader.GetString(f.Name);
            files[f.Name] = DataPaths.Resolve(path, entry.File, $"{filesReader.JsonPath}.{f.Name}");
        }

        SplitSpec? split = null;
        if (block.Has("split"))
        {
            if (spec.SplitKinds.Count == 0)
            {
                throw block.Error("split", "this problem takes no split (it divides its data itself)");
            }

            split = SplitSpec.Read(block.GetObject("split"), spec.SplitKinds);
        }
        else if (spec.SplitRequired)
        {
            throw block.Error("split", $"missing; give one of kinds: {string.Join(", ", spec.SplitKinds.Select(SplitSpec.Name))}");
        }

        block.EnsureAllKeysUsed(); // unknown keys in the block are reported before anything that depends on its files
        return new DataBlock(files, split, entry.File, block.JsonPath);
    }
}
