using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// A user's CFD table as the Nusselt problem reads it through its data block: the water rows are the source, and
/// the block's split divides the sodium rows into target pool and test per repeat. Group splits go by channel
/// geometry (<see cref="NusseltSample.GeometryKey"/>): the same channel at another Pe is nearly the same point, so
/// a random split would leak it into both sides. Read once when the config is loaded; read-only afterwards.
/// </summary>
internal sealed class NusseltTable
{
    /// <summary>Key of the table in <c>"data": {"files": {...}}</c>.</summary>
    public const string FileKey = "table";

    /// <summary>The group column a group split names: the key built from the geometry columns.</summary>
    public const string GeometryColumn = "geometry";

    private readonly SplitSpec _split;
    private readonly SplitRecord[] _records;

    private NusseltTable(SplitSpec split, List<NusseltSample> water, List<NusseltRow> sodium)
    {
        _split = split;
        Water = water;
        Sodium = [.. sodium.Select(r => r.Sample)];
        _records = [.. sodium.Select(r => new SplitRecord(r.Row.ToString(CultureInfo.InvariantCulture), r.Sample.GeometryKey))];

        // A trial assignment checks the split against the table now (a named geometry that is not in the table,
        // an empty pool or test are config errors before any cell runs); the pool bound is for the size check.
        var trial = split.Assign(_records, new SeedTree(0));
        SmallestPool = split is GroupSplit g ? g.SmallestPool(_records) : trial.Count(r => r == SplitRole.Pool);
    }

    /// <summary>What the data block holds: the table and a group (by geometry) or random split of its sodium rows.</summary>
    public static DataSpec Spec { get; } = new(
        [new DataFileSpec(FileKey, "CFD table, comma-separated with a header: fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu (fluid water or sodium, lengths in m)")],
        [SplitKind.Group, SplitKind.Random],
        SplitRequired: true,
        Doc: "water rows are the source; the split divides the sodium rows into target pool and test (kind group with column \"geometry\" keeps each channel wholly on one side)");

    /// <summary>Water rows (source), in file order.</summary>
    public IReadOnlyList<NusseltSample> Water { get; }

    /// <summary>Sodium rows (pool and test), in file order.</summary>
    public IReadOnlyList<NusseltSample> Sodium { get; }

    /// <summary>The smallest target pool any repeat gets (the largest n a config may ask for).</summary>
    public int SmallestPool { get; }

    /// <summary>Reads the table named in <paramref name="block"/> and checks the split against it.</summary>
    /// <exception cref="DataFormatException">The table is malformed (file, row and column named) or has too few rows of a fluid.</exception>
    /// <exception cref="ConfigException">The split does not fit the table (JSON path named).</exception>
    public static NusseltTable Load(DataBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var split = block.Split ?? throw block.Error("split", "missing; give {\"kind\": \"group\", \"column\": \"geometry\", ...} or {\"kind\": \"random\", ...}");
        switch (split)
        {
            case GroupSplit g when g.Column != GeometryColumn:
                throw block.Error("split.column", $"'{g.Column}' is not a group column of the Nusselt table; use \"{GeometryColumn}\" (the key built from dh_m, aspect_ratio, length_m, width_m)");
            case GroupSplit { Validation: not null } or GroupSplit { ValidationFraction: > 0 } or RandomSplit { ValidationFraction: > 0 }:
                throw block.Error("split", "this problem uses no validation set (it has no model selection); remove validation / validation_fraction");
        }

        string path = block.File(FileKey);
        var rows = NusseltCsv.ReadRows(path);
        var water = rows.Where(r => r.Sample.Fluid == "water").Select(r => r.Sample).ToList();
        var sodium = rows.Where(r => r.Sample.Fluid == "sodium").ToList();
        if (water.Count < 2 || sodium.Count < 2)
        {
            throw new DataFormatException(path, 0, "fluid", $"needs at least 2 water and 2 sodium rows, found {water.Count} and {sodium.Count}");
        }

        return new NusseltTable(split, water, sodium);
    }

    /// <summary>The repeat's target pool and test set (sodium rows in file order), from the split drawn with <paramref name="seeds"/>.</summary>
    public (List<NusseltSample> Pool, List<NusseltSample> Test) Split(SeedTree seeds)
    {
        var roles = _split.Assign(_records, seeds);
        var pool = new List<NusseltSample>();
        var test = new List<NusseltSample>();
        for (int i = 0; i < roles.Length; i++)
        {
            (roles[i] == SplitRole.Pool ? pool : roles[i] == SplitRole.Test ? test : null)?.Add(Sodium[i]);
        }

        return (pool, test);
    }
}
