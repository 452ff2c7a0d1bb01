using SciTransfer.Transfer.Figures;

namespace SciTransfer.Transfer.Reporting;

/// <summary>
/// Joins figure parts written by many cells: time-series parts with the same id become one figure
/// (title and labels from the first part; identical series from several cells kept once; series
/// ordered data series first, then by strategy and name, so the result does not depend on the
/// order in which cells finished). Heat maps with the same id that are identical are kept once;
/// different ones are all kept (the writer gives them distinct file names).
/// </summary>
public static class FigureMerger
{
    /// <summary>Merged figures ordered by id (ordinal), time series before heat maps of the same id.</summary>
    public static IReadOnlyList<FigureData> Merge(IEnumerable<FigureData> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var result = new List<FigureData>();
        foreach (IGrouping<string, FigureData> group in parts.GroupBy(p => p.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var series = group.OfType<TimeSeriesFigure>().ToList();
            if (series.Count > 0)
            {
                result.Add(MergeTimeSeries(series));
            }

            var maps = new List<HeatMapFigure>();
            foreach (HeatMapFigure map in group.OfType<HeatMapFigure>())
            {
                if (!maps.Any(m => SameHeatMap(m, map)))
                {
                    maps.Add(map);
                }
            }

            result.AddRange(maps);
        }

        return result;
    }

    private static TimeSeriesFigure MergeTimeSeries(List<TimeSeriesFigure> parts)
    {
        var kept = new List<FigureSeries>();
        foreach (FigureSeries s in parts.SelectMany(p => p.Series))
        {
            if (!kept.Any(k => SameSeries(k, s)))
            {
                kept.Add(s);
            }
        }

        var ordered = kept
            .OrderBy(s => s.Strategy is null ? 0 : 1)
            .ThenBy(s => s.Strategy ?? "", StringComparer.Ordinal)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Markers)
            .ThenBy(s => s.X.Length)
            .ToList();

        TimeSeriesFigure first = parts[0];
        string? bestOf = parts.Select(p => p.BestOfMetric).FirstOrDefault(m => m is not null);
        int? atN = parts.Select(p => p.AtN).FirstOrDefault(n => n is not null);
        return first with { Series = ordered, BestOfMetric = bestOf, AtN = atN };
    }

    private static bool SameSeries(FigureSeries a, FigureSeries b) =>
        a.Name == b.Name && a.Strategy == b.Strategy && a.Markers == b.Markers && a.Candidate == b.Candidate
        && a.X.AsSpan().SequenceEqual(b.X) && SameValues(a.Y, b.Y);

    private static bool SameHeatMap(HeatMapFigure a, HeatMapFigure b) =>
        a.Title == b.Title && a.Nx == b.Nx && a.Ny == b.Ny && a.XMin.Equals(b.XMin) && a.XMax.Equals(b.XMax)
        && a.YMin.Equals(b.YMin) && a.YMax.Equals(b.YMax) && a.XLabel == b.XLabel && a.YLabel == b.YLabel
        && a.ColorLabel == b.ColorLabel && a.Diverging == b.Diverging && SameValues(a.Values, b.Values);

    /// <summary>Element-wise equality where NaN equals NaN (double.Equals semantics).</summary>
    private static bool SameValues(double[] a, double[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
