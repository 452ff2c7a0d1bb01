namespace SciTransfer.Epidemiology.Tests;

/// <summary>
/// The growth-rate definitions of She et al. pinned with inputs whose answers are worked out by hand: a
/// non-exponential cumulative series (an exponential hides the window lengths: every window gives the same
/// log slope), a textbook regression, published doubling times, and the growth target of a training row.
/// </summary>
public sealed class GrowthDefinitionTests
{
    [Fact]
    public void Active_cases_are_cumulative_cases_of_the_last_22_days()
    {
        // C(t) = t^2: I(t) = t^2 - (t - 22)^2 = 44 t - 484 once t >= 22, and t^2 before.
        var cum = new double[60];
        for (int t = 0; t < cum.Length; t++)
        {
            cum[t] = (double)t * t;
        }

        var active = new double[60];
        GrowthPipeline.ActiveCases(cum, active);
        Assert.Equal(21.0 * 21.0, active[21]);
        Assert.Equal((44.0 * 22) - 484, active[22]);
        Assert.Equal((44.0 * 59) - 484, active[59]);
    }

    [Fact]
    public void The_rolled_series_is_the_right_aligned_seven_day_mean_of_active_cases()
    {
        // Active cases 44 t - 484 are linear, so the right-aligned 7-day mean at t is their value at t - 3.
        var cum = new double[60];
        for (int t = 0; t < cum.Length; t++)
        {
            cum[t] = (double)t * t;
        }

        var rolled = new double[60];
        var log = new double[60];
        var all = new double[60];
        GrowthPipeline.LogActive(cum, rolled, log, all);
        foreach (int t in new[] { 28, 40, 59 })
        {
            double expected = (44.0 * (t - 3)) - 484;
            Assert.Equal(expected, rolled[t], 9);
            Assert.Equal(Math.Log(expected), log[t], 12);
        }

        // Days 0..5 have no full window.
        Assert.True(double.IsNaN(rolled[5]) && double.IsNaN(log[5]) && double.IsNaN(all[5]));
        Assert.Equal((0.0 + 1 + 4 + 9 + 16 + 25 + 36) / 7, rolled[6], 12);
    }

    [Fact]
    public void Rolling_mean_of_a_short_series_matches_a_hand_computed_window()
    {
        double[] v = [3, 1, 4, 1, 5, 9, 2, 6];
        var d = new double[v.Length];
        GrowthPipeline.RollingMean(v, 3, d);
        Assert.True(double.IsNaN(d[0]) && double.IsNaN(d[1]));
        Assert.Equal(8.0 / 3, d[2], 14);
        Assert.Equal(6.0 / 3, d[3], 14);
        Assert.Equal(15.0 / 3, d[5], 14);
        Assert.Equal(17.0 / 3, d[7], 14);
    }

    [Fact]
    public void Ols_slope_matches_a_hand_computed_regression()
    {
        // y = 2, 3, 5, 4, 6 on t = 10..14: t-bar 12, y-bar 4, Sxy = (-2)(-2)+(-1)(-1)+0+1*0+2*2 = 9, Sxx = 10.
        double[] y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 5, 4, 6];
        Assert.Equal(0.9, GrowthPipeline.OlsSlope(y, 10, 14), 12);
        Assert.Equal(-1.0, GrowthPipeline.OlsSlope(y, 12, 13), 12);
        Assert.Equal(0.9, GrowthPipeline.OlsSlope(y, 10, 99), 12); // the window is clipped to the series
    }

    [Theory]
    [InlineData(0.1, 6.931471805599)]
    [InlineData(0.0231, 30.006371453)]
    [InlineData(0.6931471805599453, 1.0)]
    public void Doubling_time_is_ln2_over_the_growth_rate(double r, double days)
    {
        Assert.Equal(days, GrowthPipeline.DoublingTime(r), 8);
        Assert.True(double.IsPositiveInfinity(GrowthPipeline.DoublingTime(0)));
    }

    [Fact]
    public void A_training_row_targets_the_per_day_log_growth_over_the_block()
    {
        // One county with C(t) = t^2: ln I(s + h) - ln I(s) over h, I = rolled active (usable from I >= 20).
        const int days = 60;
        var cum = new double[days];
        for (int t = 0; t < days; t++)
        {
            cum[t] = (double)t * t;
        }

        var panel = new CasePanel(1, days, cum, [], [], [], []);
        foreach (int h in new[] { 2, 5 })
        {
            var features = new GrowthFeatures(panel, h);
            var rows = new GrowthRows(features.FeatureCount);
            features.AddTrainingRows(0, 0, 45, rows);
            Assert.True(rows.Count > 10);

            // The last row is s = 45 - h: rolled(s) = 44 (s - 3) - 484 (s >= 28).
            double At(int s) => (44.0 * (s - 3)) - 484;
            int last = 45 - h;
            Assert.Equal((Math.Log(At(last + h)) - Math.Log(At(last))) / h, rows.Targets[^1], 12);
        }
    }
}
