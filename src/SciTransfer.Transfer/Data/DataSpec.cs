namespace SciTransfer.Transfer.Data;

/// <summary>One named file of a problem's <c>"data": {"files": {...}}</c> block.</summary>
/// <param name="Name">Key in "files", e.g. "weather".</param>
/// <param name="Doc">One line: layout and units, e.g. "hourly weather: station,time,temp_c,rh,rain_mm".</param>
/// <param name="Required">True when the problem cannot run without it.</param>
public sealed record DataFileSpec(string Name, string Doc, bool Required = true);

/// <summary>
/// What a problem reads from files: named files and the split kinds it accepts. Problems that only generate data
/// declare none. The harness resolves paths and parses the split; the problem's loader reads the files.
/// </summary>
/// <param name="Files">The named files.</param>
/// <param name="SplitKinds">Split kinds the problem accepts, e.g. [Group, Time]; empty: no "split" allowed.</param>
/// <param name="SplitRequired">True when a "split" must be given.</param>
/// <param name="Doc">One line on how the data becomes source, pool and test.</param>
/// <param name="Strategies">
/// Strategies the problem offers only with a data block (e.g. a physics model that is exact on generated data); the
/// JSON Schema lists them beside the default problem's. Null: none.
/// </param>
public sealed record DataSpec(IReadOnlyList<DataFileSpec> Files, IReadOnlyList<SplitKind> SplitKinds, bool SplitRequired = false, string Doc = "", IReadOnlyList<string>? Strategies = null);
