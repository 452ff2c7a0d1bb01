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

    /// <summary>Key of the optional water table (water rows for a sodium-only table).</summary>
    public const string WaterFileKey = "water";

    /// <summary>
    /// The group column a group split names: the table's geometry column, or the key built from the geometry columns.
    /// </summary>
    public const string GeometryColumn = "geometry";

    /// <summary>Share of the geometries drawn for the test set when the data block gives no split.</summary>
    public const double DefaultTestFraction = 0.3;

    private readonly SplitSpec _split;
    private readonly SplitRecord[] _records;

    private NusseltTable(SplitSpec split, List<NusseltSample> water, List<NusseltRow> sodium, string waterOrigin)
    {
        _split = split;
        Water = water;
        WaterOrigin = waterOrigin;
        Sodium = [.. sodium.Select(r => r.Sample)];
        Geometries = [.. sodium.Select(r => r.Geometry)];
        _records = [.. sodium.Select(r => new SplitRecord(r.Row.ToString(CultureInfo.InvariantCulture), r.Geometry))];

        // A trial assignment checks the split against the table now (a named geometry that is not in the table,
        // an empty pool or test are config errors before any cell runs); the pool bound is for the size check.
        var trial = split.Assign(_records, new SeedTree(0));
        SmallestPool = split is GroupSplit g ? g.SmallestPool(_records) : trial.Count(r => r == SplitRole.Pool);
    }

    /// <summary>What the data block holds: the table and a group (by geometry) or random split of its sodium rows.</summary>
    public static DataSpec Spec { get; } = new(
        [
            new DataFileSpec(FileKey, "CFD table, comma-separated with a header: fluid,pe,dh_m,aspect_ratio,length_m,width_m,nu and optionally l_over_d, geometry (fluid water or sodium; lengths in m, or *_mm with length_unit mm)"),
            new DataFileSpec(WaterFileKey, "water rows for a sodium-only table, same layout (without it and without water rows in the table, water designs are generated)", Required: false),
        ],
        [SplitKind.Group, SplitKind.Random],
        SplitRequired: false,
        Doc: "water rows are the source; the split divides the sodium rows into target pool and test (default: group by geometry, test_fraction 0.3, so each channel sits wholly on one side)");

    /// <summary>Water rows (source), in file order.</summary>
    public IReadOnlyList<NusseltSample> Water { get; }

    /// <summary>Where the water rows come from, in words (for the problem's description); Water is empty when generated.</summary>
    public string WaterOrigin { get; }

    /// <summary>True when the water designs are generated per repeat (no water rows in the table, no water file).</summary>
    public bool GeneratesWater => Water.Count == 0;

    /// <summary>Group key (geometry) of each sodium row.</summary>
    public IReadOnlyList<string> Geometries { get; }

    /// <summary>Sodium rows (pool and test), in file order.</summary>
    public IReadOnlyList<NusseltSample> Sodium { get; }

    /// <summary>The smallest target pool any repeat gets (the largest n a config may ask for).</summary>
    public int SmallestPool { get; }

    /// <summary>
    /// Reads the table named in <paramref name="block"/> (lengths in <paramref name="lengthUnit"/>), its water rows or
    /// the water file, and checks the split (default: group by geometry, test_fraction 0.3) against it.
    /// </summary>
    /// <exception cref="DataFormatException">A table is malformed (file, row and column named) or has too few rows of a fluid.</exception>
    /// <exception cref="ConfigException">The split does not fit the table (JSON path named).</exception>
    public static NusseltTable Load(DataBlock block, string lengthUnit = "m", int generatedWaterPoints = 0)
    {
        ArgumentNullException.ThrowIfNull(block);

        // Random splits leak (the same channel at another Pe is nearly the same point), so the default keeps
        // channels whole.
        var split = block.Split ?? new GroupSplit(block.ConfigFile, $"{block.JsonPath}.split", GeometryColumn, null, null, null, DefaultTestFraction, 0);
        switch (split)
        {
            case GroupSplit g when g.Column != GeometryColumn:
                throw block.Error("split.column", $"'{g.Column}' is not a group column of the Nusselt table; use \"{GeometryColumn}\" (the table's geometry column, or the key built from dh, aspect_ratio, length, width)");
            case GroupSplit { Validation: not null } or GroupSplit { ValidationFraction: > 0 } or RandomSplit { ValidationFraction: > 0 }:
                throw block.Error("split", "this problem uses no validation set (it has no model selection); remove validation / validation_fraction");
        }

        string path = block.File(FileKey);
        var rows = NusseltCsv.ReadRows(path, lengthUnit);
        var water = rows.Where(r => r.Sample.Fluid == "water").Select(r => r.Sample).ToList();
        var sodium = rows.Where(r => r.Sample.Fluid == "sodium").ToList();
        if (sodium.Count < 2)
        {
            throw new DataFormatException(path, 0, "fluid", $"needs at least 2 sodium rows (the target), found {sodium.Count}");
        }

        string origin;
        if (block.FileOrNull(WaterFileKey) is { } waterPath)
        {
            if (water.Count > 0)
            {
                throw new DataFormatException(path, 0, "fluid", $"the table has {water.Count} water rows and the data block also names a water file ({waterPath}); give the water rows in one place");
            }

            var waterRows = NusseltCsv.ReadRows(waterPath, lengthUnit);
            foreach (var r in waterRows.Where(r => r.Sample.Fluid != "water").Take(1))
            {
                throw new DataFormatException(waterPath, r.Row, "fluid", $"the water file holds only water rows, found '{r.Sample.Fluid}'");
            }

            water = [.. waterRows.Select(r => r.Sample)];
            origin = string.Create(CultureInfo.InvariantCulture, $"{water.Count} water rows from {Path.GetFileName(waterPath)}");
        }
        else
        {
            origin = water.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{water.Count} water rows from the table")
                : string.Create(CultureInfo.InvariantCulture, $"no water rows in the table: {generatedWaterPoints} water designs GENERATED per repeat by NusseltGenerator (not CFD; give a water file for real source data)");
        }

        if (water.Count == 1)
        {
            throw new DataFormatException(block.FileOrNull(WaterFileKey) ?? path, 0, "fluid", "needs at least 2 water rows (the source), found 1");
        }

        return new NusseltTable(split, water, sodium, origin);
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
