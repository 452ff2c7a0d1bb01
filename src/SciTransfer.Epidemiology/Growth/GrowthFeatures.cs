namespace SciTransfer.Epidemiology;

/// <summary>
/// TLRF rows of a <see cref="CasePanel"/>: for a county-day s with a visible history starting at day v,
/// x = [county covariates, day covariates at s, ln I(s), OLS slope of ln I over the last 3 and 7 visible
/// days, day index s] and y = (ln I(s + h) - ln I(s)) / h, the per-day growth over a block of h days (2 in the paper).
/// </summary>
public sealed class GrowthFeatures
{
    private readonly CasePanel _panel;

    /// <summary>Feature builder over <paramref name="panel"/> with growth block <paramref name="growthBlock"/> days.</summary>
    public GrowthFeatures(CasePanel panel, int growthBlock = 2)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentOutOfRangeException.ThrowIfLessThan(growthBlock, 1);
        _panel = panel;
        GrowthBlock = growthBlock;
        FeatureNames = [.. panel.CountyCovariateNames, .. panel.DayCovariateNames, "log_active", "slope_3d", "slope_7d", "day"];
    }

    /// <summary>The panel.</summary>
    public CasePanel Panel => _panel;

    /// <summary>Days h of the growth target block.</summary>
    public int GrowthBlock { get; }

    /// <summary>Feature names, in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of features p.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>
    /// Writes the features of county-day (<paramref name="county"/>, <paramref name="day"/>) seeing days from
    /// <paramref name="firstVisible"/> on; false when ln I(day) is not usable (I &lt; 20 or not visible).
    /// </summary>
    public bool TryFeatures(int county, int day, int firstVisible, Span<double> destination)
    {
        var log = _panel.LogSeries(county);
        if (day < firstVisible || day < 0 || day >= _panel.Days || double.IsNaN(log[day]))
        {
            return false;
        }

        int q = _panel.CountyCovariateNames.Count;
        int k = 0;
        var cc = _panel.CountyCovariates.AsSpan(county * q, q);
        for (int i = 0; i < q; i++)
        {
            destination[k++] = cc[i];
        }

        var dc = _panel.DayCovariates(county, day);
        for (int i = 0; i < dc.Length; i++)
        {
            destination[k++] = dc[i];
        }

        destination[k++] = log[day];
        destination[k++] = GrowthPipeline.OlsSlope(log, Math.Max(firstVisible, day - 2), day);
        destination[k++] = GrowthPipeline.OlsSlope(log, Math.Max(firstVisible, day - 6), day);
        destination[k] = day;
        return true;
    }

    /// <summary>
    /// Appends the training rows of one county that an analyst at day <paramref name="origin"/> can form from
    /// days [firstVisible, origin]: every s with ln I(s) and ln I(s + h) usable and s + h &lt;= origin.
    /// </summary>
    public void AddTrainingRows(int county, int firstVisible, int origin, GrowthRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var log = _panel.LogSeries(county);
        Span<double> x = stackalloc double[FeatureCount];
        int h = GrowthBlock;
        for (int s = Math.Max(0, firstVisible); s + h <= origin && s + h < _panel.Days; s++)
        {
            if (double.IsNaN(log[s + h]) || !TryFeatures(county, s, firstVisible, x))
            {
                continue;
            }

            rows.Add(x, (log[s + h] - log[s]) / h, county);
        }
    }
}
