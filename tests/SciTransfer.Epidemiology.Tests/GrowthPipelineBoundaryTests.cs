namespace SciTransfer.Epidemiology.Tests;

/// <summary>
/// The edges of the TLRF preprocessing that the definition tests do not reach (found by Stryker survivors):
/// argument checks, the first day the 22-day window subtracts, the usability threshold at exactly 20, and a
/// width-1 rolling mean. Every expectation is worked out by hand.
/// </summary>
public sealed class GrowthPipelineBoundaryTests
{
    [Fact]
    public void Rolling_mean_rejects_a_mismatched_destination_or_a_width_below_one()
    {
        double[] v = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => GrowthPipeline.RollingMean(v, 2, new double[2]));
        Assert.Throws<ArgumentException>(() => GrowthPipeline.RollingMean(v, 0, new double[3]));
        Assert.Throws<ArgumentException>(() => GrowthPipeline.RollingMean(v, -1, new double[3]));
    }

    [Fact]
    public void A_width_one_rolling_mean_is_the_series_itself()
    {
        double[] v = [3, 1, 4, 1, 5];
        var d = new double[v.Length];
        GrowthPipeline.RollingMean(v, 1, d);
        Assert.Equal(v, d);
    }

    [Fact]
    public void Active_cases_reject_a_mismatched_destination()
    {
        Assert.Throws<ArgumentException>(() => GrowthPipeline.ActiveCases(new double[30], new double[29]));
    }

    [Fact]
    public void Day_22_is_the_first_day_that_subtracts_day_0()
    {
        // C(t) = t^2 + 100: C(0) != 0, so I(22) = C(22) - C(0) = 484, while I(21) = C(21) = 541 (nothing subtracted).
        var cum = new double[30];
        for (int t = 0; t < cum.Length; t++)
        {
            cum[t] = ((double)t * t) + 100;
        }

        var active = new double[30];
        GrowthPipeline.ActiveCases(cum, active);
        Assert.Equal(541.0, active[21]);
        Assert.Equal(484.0, active[22]);
        Assert.Equal((23.0 * 23) - 1, active[23]);
    }

    [Fact]
    public void A_rolled_count_of_exactly_twenty_is_usable()
    {
        // C(t) = 20 (floor(t / 22) + 1): 20 active cases every day (C(t) = 20 before day 22, and
        // C(t) - C(t - 22) = 20 after), so the 7-day mean is exactly 20 from day 6 on: the threshold I >= 20 keeps it.
        var cum = new double[40];
        for (int t = 0; t < cum.Length; t++)
        {
            cum[t] = 20.0 * ((t / 22) + 1);
        }

        var rolled = new double[40];
        var log = new double[40];
        var all = new double[40];
        GrowthPipeline.LogActive(cum, rolled, log, all);
        for (int t = 6; t < 40; t++)
        {
            Assert.Equal(20.0, rolled[t]);
            Assert.Equal(Math.Log(20), log[t], 14);
            Assert.Equal(Math.Log(20), all[t], 14);
        }

        // One case fewer in the first 22 days (19 active, mean 19 on days 6..21): unusable, still scored.
        for (int t = 0; t < 22; t++)
        {
            cum[t] = 19;
        }

        GrowthPipeline.LogActive(cum, rolled, log, all);
        Assert.Equal(19.0, rolled[10]);
        Assert.True(double.IsNaN(log[10]));
        Assert.Equal(Math.Log(19), all[10], 14);
    }

    [Fact]
    public void Scores_clip_rolled_counts_below_one_to_log_one()
    {
        // No cases at all: rolled 0, unusable, scored as ln max(0, 1) = 0.
        var cum = new double[10];
        var rolled = new double[10];
        var log = new double[10];
        var all = new double[10];
        GrowthPipeline.LogActive(cum, rolled, log, all);
        Assert.Equal(0.0, rolled[8]);
        Assert.True(double.IsNaN(log[8]));
        Assert.Equal(0.0, all[8]);
    }

    [Fact]
    public void Ols_slope_uses_the_first_and_last_day_of_the_window_inclusively()
    {
        // y = t^2 on days 0..4: slope over [1, 3] is 4 (points 1, 4, 9), over [0, 4] it is 4 (Sxy 40 / Sxx 10).
        double[] y = [0, 1, 4, 9, 16];
        Assert.Equal(4.0, GrowthPipeline.OlsSlope(y, 1, 3), 12);
        Assert.Equal(4.0, GrowthPipeline.OlsSlope(y, 0, 4), 12);
        Assert.Equal(2.0, GrowthPipeline.OlsSlope(y, -5, 2), 12); // clipped to 0..2: 0, 1, 4, Sxy 4 / Sxx 2
        Assert.Equal(7.0, GrowthPipeline.OlsSlope(y, 3, 4), 12);  // two points
        Assert.Equal(0.0, GrowthPipeline.OlsSlope(y, 4, 4));      // one point: no trend
    }
}
