namespace SciTransfer.Epidemiology.Tests;

public class GrowthPipelineTests
{
    [Fact]
    public void Exponential_incidence_gives_a_log_active_series_with_the_exact_growth_rate()
    {
        // Incidence e^{r t}: active over 22 days and its 7-day mean are both proportional to e^{r t} once the windows are full.
        double r = 0.05;
        int days = 80;
        var cum = new double[days];
        double acc = 0;
        for (int t = 0; t < days; t++)
        {
            acc += 100 * Math.Exp(r * t);
            cum[t] = acc;
        }

        var rolled = new double[days];
        var log = new double[days];
        var all = new double[days];
        GrowthPipeline.LogActive(cum, rolled, log, all);
        Assert.True(double.IsNaN(rolled[5]));
        for (int t = 30; t < days - 1; t++)
        {
            Assert.Equal(r, log[t + 1] - log[t], 10);
        }

        Assert.Equal(r, GrowthPipeline.OlsSlope(log, 40, 60), 10);
        Assert.Equal(Math.Log(2) / r, GrowthPipeline.DoublingTime(r), 12);
        Assert.True(double.IsPositiveInfinity(GrowthPipeline.DoublingTime(-0.01)));
    }

    [Fact]
    public void Counts_below_twenty_are_unusable_but_still_scored()
    {
        var cum = new double[40];
        for (int t = 0; t < 40; t++)
        {
            cum[t] = t; // one case a day: active at most 22
        }

        var rolled = new double[40];
        var log = new double[40];
        var all = new double[40];
        GrowthPipeline.LogActive(cum, rolled, log, all);
        Assert.True(double.IsNaN(log[10]));                  // rolled active ~ 7.5 < 20
        Assert.Equal(Math.Log(rolled[10]), all[10], 12);
        Assert.Equal(Math.Log(22), log[39], 12);              // steady state 22 >= 20
    }

    [Fact]
    public void Ols_slope_skips_missing_days_and_is_zero_without_two_points()
    {
        double[] v = [double.NaN, 1.0, double.NaN, 3.0, double.NaN];
        Assert.Equal(1.0, GrowthPipeline.OlsSlope(v, 0, 4), 12);
        Assert.Equal(0.0, GrowthPipeline.OlsSlope(v, 2, 4));
    }
}
