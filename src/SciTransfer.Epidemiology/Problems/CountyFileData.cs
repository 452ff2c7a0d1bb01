using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Data;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>How counties lacking a covariate (no row in a covariates/population file, or an empty field) are handled.</summary>
public enum MissingCovariates
{
    /// <summary>A data error naming the county and the file (the default: nothing is invented silently).</summary>
    Error,

    /// <summary>The column's median over the counties that have it.</summary>
    Median,

    /// <summary>The county is left out entirely (neither source nor target).</summary>
    DropCounty,
}

/// <summary>
/// A user's county files for <c>epidemiology/small-area-growth</c>, loaded once per study: the case panel (NYT
/// layout), county covariates (covariates file columns, ln population from the population file), the forecast origins
/// (day indices of the file's daily grid), the small-area candidates and the optional group split on fips.
/// Read-only after construction, shared by every repeat.
/// </summary>
public sealed class CountyFileData
{
    /// <summary>The case panel (counties in FIPS order; no day covariates; no true growth).</summary>
    public required CasePanel Panel { get; init; }

    /// <summary>FIPS of each panel county.</summary>
    public required IReadOnlyList<string> Fips { get; init; }

    /// <summary>"County, State" of each panel county.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Date of day index 0.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Forecast origins (day indices), ascending.</summary>
    public required int[] Origins { get; init; }

    /// <summary>Small-area candidates (panel indices, ascending): small by the chosen measure and usable at half of the origins.</summary>
    public required int[] Candidates { get; init; }

    /// <summary>The small-area measure of each county (population, or cumulative cases at the first origin).</summary>
    public required double[] Measure { get; init; }

    /// <summary>The group split on fips, or null (targets drawn per repeat from the candidates).</summary>
    public GroupSplit? Split { get; init; }

    /// <summary>What loading did, for run.json and the docs: rows skipped, days filled, counties dropped.</summary>
    public required string LoadNote { get; init; }

    /// <summary>
    /// The target counties of one repeat and the counties kept out of the source: with a split, its test counties
    /// are the targets and candidates it leaves unused (or puts in validation) are kept out; without one,
    /// <paramref name="targetCount"/> candidates drawn from <paramref name="rng"/>.
    /// </summary>
    public (int[] Targets, bool[] NotSource) Roles(int targetCount, SeedTree seeds, Rng rng)
    {
        var notSource = new bool[Panel.Counties];
        int[] targets;
        if (Split is { } split)
        {
            var records = Candidates.Select(c => new SplitRecord(Fips[c], Fips[c])).ToArray();
            var roles = split.Assign(records, seeds);
            targets = [.. Candidates.Where((_, i) => roles[i] == SplitRole.Test)];
            for (int i = 0; i < Candidates.Length; i++)
            {
                notSource[Candidates[i]] = roles[i] != SplitRole.Pool;
            }
        }
        else
        {
            var pool = (int[])Candidates.Clone();
            rng.Shuffle<int>(pool);
            targets = [.. pool.Take(Math.Min(targetCount, pool.Length)).Order()];
            foreach (int c in targets)
            {
                notSource[c] = true;
            }
        }

        return (targets, notSource);
    }

    /// <summary>Loads the files of <paramref name="block"/> with <paramref name="o"/>; config errors go through <paramref name="error"/>.</summary>
    public static CountyFileData Load(DataBlock block, CountyFileOptions o, Func<string, string, ConfigException> error)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(error);
        string casesFile = block.File(CountyFileOptions.CasesKey);
        var nyt = NytLoader.Load(casesFile, o.Loader);
        var covariates = block.FileOrNull(CountyFileOptions.CovariatesKey) is { } cf ? CountyTable.LoadCovariates(cf) : null;
        var population = block.FileOrNull(CountyFileOptions.PopulationKey) is { } pf ? CountyTable.LoadPopulation(pf) : null;

        // County covariate columns: the covariates file's, then ln population.
        var tables = new List<(CountyTable Table, int Column, string Name, bool Log)>();
        if (covariates is not null)
        {
            tables.AddRange(covariates.Names.Select((n, k) => (covariates, k, n, false)));
        }

        if (population is not null)
        {
            tables.Add((population, 0, "log_population", true));
        }

        int popFromCovariates = covariates is null ? -1 : covariates.Names.ToList().IndexOf("population");
        var kept = new List<NytCounty>();
        var values = new List<double?[]>();
        var pops = new List<double?>();
        int dropped = 0;
        foreach (var county in nyt.Counties)
        {
            string fips = county.Fips ?? county.Key;
            var v = new double?[tables.Count];
            (CountyTable Table, string Column)? missing = null;
            for (int j = 0; j < tables.Count; j++)
            {
                var (table, col, name, log) = tables[j];
                double? x = table.TryGet(fips, out var row, out _) ? row[col] : null;
                v[j] = x is { } d && log ? Math.Log(d) : x;
                missing ??= v[j] is null ? (table, log ? "population" : name) : null;
            }

            double? pop = population is not null && population.TryGet(fips, out var pr, out _) ? pr[0]
                : popFromCovariates >= 0 && covariates!.TryGet(fips, out var cr, out _) ? cr[popFromCovariates] : null;
            if (missing is { } m)
            {
                if (o.Missing == MissingCovariates.Error)
                {
                    string where = m.Table.TryGet(fips, out _, out int r) ? string.Create(CultureInfo.InvariantCulture, $"row {r} leaves it empty") : "the file has no row for it";
                    throw new DataFormatException(m.Table.File, 0, m.Column,
                        $"county {fips} ({county.County}, {county.State}) of the cases file has no value ({where}); set missing_covariates to median or drop-county");
                }

                if (o.Missing == MissingCovariates.DropCounty)
                {
                    dropped++;
                    continue;
                }
            }

            kept.Add(county);
            values.Add(v);
            pops.Add(pop);
        }

        if (kept.Count < 4)
        {
            throw block.Error("files.cases", $"only {kept.Count} counties of {casesFile} remain after loading (at least 4 are needed: targets and source)");
        }

        // Median imputation per column (over the kept counties that have the value).
        int q = tables.Count;
        var countyCov = new double[kept.Count * q];
        for (int j = 0; j < q; j++)
        {
            var present = values.Where(v => v[j] is not null).Select(v => v[j]!.Value).ToArray();
            double median = present.Length > 0 ? Core.Statistics.Descriptive.Median(present) : double.NaN;
            if (present.Length == 0)
            {
                throw new DataFormatException(tables[j].Table.File, 0, tables[j].Name, "no county of the cases file has a value in this column");
            }

            for (int c = 0; c < kept.Count; c++)
            {
                countyCov[(c * q) + j] = values[c][j] ?? median;
            }
        }

        int days = nyt.Days;
        var cum = new double[kept.Count * days];
        for (int c = 0; c < kept.Count; c++)
        {
            for (int t = 0; t < days; t++)
            {
                cum[(c * days) + t] = kept[c].Cases[t];
            }
        }

        var panel = new CasePanel(kept.Count, days, cum, [.. tables.Select(t => t.Name)], countyCov, [], []);
        int[] origins = ComputeOrigins(o, nyt.Start, days, error);
        double[] measure = ComputeMeasure(o, kept, pops, panel, origins[0], error);
        int[] candidates = FindCandidates(o, measure, panel, origins, error);
        var fipsList = kept.Select(k => k.Fips ?? k.Key).ToArray();
        var split = block.Split as GroupSplit;
        if (split is not null)
        {
            CheckSplit(split, fipsList, candidates, block);
        }

        string note = string.Create(CultureInfo.InvariantCulture,
            $"{kept.Count} counties x {days} days ({nyt.Start:yyyy-MM-dd} to {nyt.End:yyyy-MM-dd}); {nyt.RowsWithoutFips} rows without fips skipped; {nyt.FilledDays} missing county-days carried forward; {nyt.CorrectedDays} county-days changed by corrections; {dropped} counties dropped for missing covariates; {candidates.Length} small-area candidates");
        return new CountyFileData
        {
            Panel = panel,
            Fips = fipsList,
            Names = [.. kept.Select(k => $"{k.County}, {k.State}")],
            Start = nyt.Start,
            Origins = origins,
            Candidates = candidates,
            Measure = measure,
            Split = split,
            LoadNote = note,
        };
    }

    private static int[] ComputeOrigins(CountyFileOptions o, DateOnly start, int days, Func<string, string, ConfigException> error)
    {
        // The realised value 7 days ahead must be in the file; 29 days of history give one rolled active value (22 + 7).
        int earliest = GrowthPipeline.ActiveWindow + GrowthPipeline.RollingWindow;
        int latest = days - 1 - o.Horizon;
        if (latest < earliest)
        {
            throw error("origin_to", string.Create(CultureInfo.InvariantCulture, $"the cases file spans {days} days; at least {earliest + o.Horizon + 1} are needed (29 days of history and a 7-day horizon)"));
        }

        string Date(int t) => start.AddDays(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        int Day(string? text, string name, int fallback)
        {
            if (text is null)
            {
                return fallback;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                throw error(name, $"expected a date yyyy-MM-dd, found '{text}'");
            }

            int t = d.DayNumber - start.DayNumber;
            if (t < earliest || t > latest)
            {
                throw error(name, $"{text} is outside {Date(earliest)}..{Date(latest)} (29 days after the file's first date to 8 days before its last)");
            }

            return t;
        }

        int to = Day(o.OriginTo, "origin_to", latest);
        int from = Day(o.OriginFrom, "origin_from", Math.Clamp(o.FirstOrigin, earliest, to));
        if (from > to)
        {
            throw error("origin_from", $"{Date(from)} is after origin_to {Date(to)}");
        }

        int k = Math.Min(o.ForecastDays, to - from + 1);
        return k == 1 ? [to] : [.. Enumerable.Range(0, k).Select(i => from + (int)Math.Round(i * (to - from) / (double)(k - 1))).Distinct()];
    }

    private static double[] ComputeMeasure(CountyFileOptions o, List<NytCounty> kept, List<double?> pops, CasePanel panel, int firstOrigin, Func<string, string, ConfigException> error)
    {
        if (o.SmallAreaBy == "cases")
        {
            return [.. Enumerable.Range(0, kept.Count).Select(c => panel.Cumulative[(c * panel.Days) + firstOrigin])];
        }

        if (pops.All(p => p is null))
        {
            throw error("small_area_by", "population needs a population file (data.files.population) or a 'population' column in the covariates file; or use small_area_by = cases");
        }

        double median = Core.Statistics.Descriptive.Median([.. pops.Where(p => p is not null).Select(p => p!.Value)]);
        return [.. pops.Select(p => p ?? median)];
    }

    private static int[] FindCandidates(CountyFileOptions o, double[] measure, CasePanel panel, int[] origins, Func<string, string, ConfigException> error)
    {
        int n = measure.Length;
        int[] small = o.SmallAreaThreshold is { } th
            ? [.. Enumerable.Range(0, n).Where(c => measure[c] <= th)]
            : [.. Enumerable.Range(0, n).OrderBy(c => measure[c]).ThenBy(c => c).Take(n / 2)];
        int[] usable = [.. small.Where(c => Usable(panel, c, origins)).Order()];
        if (usable.Length == 0)
        {
            throw error(o.SmallAreaThreshold is null ? "small_area_by" : "small_area_threshold", string.Create(CultureInfo.InvariantCulture,
                $"none of the {small.Length} small counties (by {o.SmallAreaBy}) has >= 20 rolled active cases at half of the {origins.Length} forecast origins; raise small_area_threshold or move origin_from/origin_to"));
        }

        if (usable.Length == n)
        {
            throw error("small_area_threshold", "every county is a small area; the source (other counties) would be empty");
        }

        return usable;
    }

    /// <summary>True when the county has a usable (I &gt;= 20) log value at half of the origins or more.</summary>
    public static bool Usable(CasePanel panel, int county, IReadOnlyList<int> origins) =>
        origins.Count(t => !double.IsNaN(panel.LogUsable[(county * panel.Days) + t])) * 2 >= origins.Count;

    private static void CheckSplit(GroupSplit split, string[] fips, int[] candidates, DataBlock block)
    {
        if (split.Column != "fips")
        {
            throw block.Error("split.column", $"must be \"fips\" (whole counties go to the test set), found \"{split.Column}\"");
        }

        var candidateSet = candidates.Select(c => fips[c]).ToHashSet(StringComparer.Ordinal);
        foreach (string f in (split.Test ?? []).Concat(split.Pool ?? []).Concat(split.Validation ?? []))
        {
            if (!candidateSet.Contains(f))
            {
                string why = Array.IndexOf(fips, f) < 0
                    ? "is not in the cases file (or was dropped)"
                    : "is not a small-area candidate (above the small-area threshold, or under 20 rolled active cases at most origins)";
                throw block.Error("split", $"names county {f}, which {why}");
            }
        }
    }
}
