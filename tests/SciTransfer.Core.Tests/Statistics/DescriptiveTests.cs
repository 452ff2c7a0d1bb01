using SciTransfer.Core.Statistics;

namespace SciTransfer.Core.Tests.Statistics;

public class DescriptiveTests
{
    [Fact]
    public void Mean_and_sample_std_match_hand_computed_values()
    {
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5.0, Descriptive.Mean(x), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7.0), Descriptive.SampleStd(x), 12);
        Assert.Equal(4.5, Descriptive.Median(x), 12);
    }

    [Fact]
    public void Student_t_quantiles_match_scipy_reference_values()
    {
        Assert.Equal(12.7062047362, Descriptive.StudentTQuantile(0.975, 1), 6);
        Assert.Equal(2.7764451052, Descriptive.StudentTQuantile(0.975, 4), 8);
        Assert.Equal(2.2281388520, Descriptive.StudentTQuantile(0.975, 10), 8);
        Assert.Equal(1.9839715184, Descriptive.StudentTQuantile(0.975, 100), 8);
    }

    [Fact]
    public void Confidence_interval_of_one_to_five_is_three_plus_minus_t4_times_s_over_root5()
    {
        double[] x = [1, 2, 3, 4, 5];
        var (lo, hi) = Descriptive.ConfidenceInterval(x);
        double half = 2.7764451052 * Math.Sqrt(2.5) / Math.Sqrt(5);
        Assert.Equal(3 - half, lo, 8);
        Assert.Equal(3 + half, hi, 8);
    }

    [Fact]
    public void Statistics_of_too_small_samples_are_nan_not_zero()
    {
        Assert.True(double.IsNaN(Descriptive.Mean([])));
        Assert.True(double.IsNaN(Descriptive.SampleStd([1.0])));
        var (lo, hi) = Descriptive.ConfidenceInterval([1.0]);
        Assert.True(double.IsNaN(lo) && double.IsNaN(hi));
    }

    [Fact]
    public void Metrics_match_hand_computed_values()
    {
        double[] p = [1, 2, 3, 4];
        double[] a = [1, 3, 5, 4];
        Assert.Equal(Math.Sqrt(5.0 / 4), Metrics.Rmse(p, a), 12);
        Assert.Equal(3.0 / 4, Metrics.Mae(p, a), 12);
        Assert.Equal(Math.Sqrt(5.0) / Math.Sqrt(51.0), Metrics.RelativeL2(p, a), 12);
        Assert.Equal(0.5, Metrics.Accuracy([1, 0, 1, 1], [1, 1, 0, 1]), 12);
    }

    [Fact]
    public void Metrics_reject_mismatched_lengths_naming_the_metric()
    {
        var e = Assert.Throws<ArgumentException>(() => Metrics.Rmse([1.0, 2.0], [1.0]));
        Assert.Contains("Rmse", e.Message, StringComparison.Ordinal);
    }
}
