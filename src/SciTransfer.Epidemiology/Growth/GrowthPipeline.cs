namespace SciTransfer.Epidemiology;

/// <summary>
/// The TLRF preprocessing kernels (She et al. 2023): active cases from cumulative counts over a 22-day
/// window, a right-aligned 7-day rolling mean, log scale, and the usability filter I &gt;= 20.
/// </summary>
public static class GrowthPipeline
{
    /// <summary>Days a case counts as active: I(t) = C(t) - C(t - 22).</summary>
    public const int ActiveWindow = 22;

    /// <summary>Rolling-mean width (days, right-aligned).</summary>
    public const int RollingWindow = 7;

    /// <summary>Smallest rolled active count kept for fitting.</summary>
    public const double MinActive = 20;

    /// <summary>Right-aligned rolling mean of width <paramref name="width"/>; the first width - 1 entries are NaN.</summary>
    public static void RollingMean(ReadOnlySpan<double> values, int width, Span<double> destination)
    {
        if (destination.Length != values.Length || width < 1)
        {
            throw new ArgumentException($"RollingMean: lengths {values.Length} -> {destination.Length}, width {width}");
        }

        double acc = 0;
        for (int t = 0; t < values.Length; t++)
        {
            acc += values[t];
            if (t >= width)
            {
                acc -= values[t - width];
            }

            destination[t] = t >= width - 1 ? acc / width : double.NaN;
        }
    }

    /// <summary>Active cases I(t) = C(t) - C(t - 22) from cumulative counts (C before day 0 is 0).</summary>
    public static void ActiveCases(ReadOnlySpan<double> cumulative, Span<double> destination)
    {
        if (destination.Length != cumulative.Length)
        {
            throw new ArgumentException($"ActiveCases: lengths {cumulative.Length} -> {destination.Length}");
        }

        for (int t = 0; t < cumulative.Length; t++)
        {
            destination[t] = cumulative[t] - (t >= ActiveWindow ? cumulative[t - ActiveWindow] : 0);
        }
    }

    /// <summary>
    /// The rolled active series: <paramref name="rolled"/> = 7-day mean of active cases,
    /// <paramref name="logUsable"/> = ln(rolled) where rolled &gt;= 20 and NaN elsewhere,
    /// <paramref name="logAll"/> = ln(max(rolled, 1)) (NaN where undefined) for scoring forecasts.
    /// </summary>
    public static void LogActive(ReadOnlySpan<double> cumulative, Span<double> rolled, Span<double> logUsable, Span<double> logAll)
    {
        int n = cumulative.Length;
        Span<double> active = n <= 4096 ? stackalloc double[n] : new double[n];
        ActiveCases(cumulative, active);
        RollingMean(active, RollingWindow, rolled);
        for (int t = 0; t < n; t++)
        {
            double r = rolled[t];
            logUsable[t] = r >= MinActive ? Math.Log(r) : double.NaN;
            logAll[t] = double.IsNaN(r) ? double.NaN : Math.Log(Math.Max(r, 1));
        }
    }

    /// <summary>
    /// OLS slope of <paramref name="logValues"/> against day over days [first, last] (inclusive), skipping NaN;
    /// 0 when fewer than two points (no trend information: persistence).
    /// </summary>
    public static double OlsSlope(ReadOnlySpan<double> logValues, int first, int last)
    {
        first = Math.Max(first, 0);
        last = Math.Min(last, logValues.Length - 1);
        double n = 0, st = 0, sy = 0, stt = 0, sty = 0;
        for (int t = first; t <= last; t++)
        {
            double v = logValues[t];
            if (double.IsNaN(v))
            {
                continue;
            }

            n++;
            st += t;
            sy += v;
            stt += (double)t * t;
            sty += t * v;
        }

        if (n < 2)
        {
            return 0;
        }

        double den = (n * stt) - (st * st);
        return den <= 0 ? 0 : ((n * sty) - (st * sy)) / den;
    }

    /// <summary>Doubling time ln 2 / r in days (infinite when r &lt;= 0: not growing).</summary>
    public static double DoublingTime(double growthRate) => growthRate > 0 ? Math.Log(2) / growthRate : double.PositiveInfinity;
}
