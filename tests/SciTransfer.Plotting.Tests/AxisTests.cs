using System.Globalization;
using SciTransfer.Plotting.Axes;

namespace SciTransfer.Plotting.Tests;

public class AxisTests
{
    private static List<int> IntLabels(ScarcityAxis axis) => axis.Ticks.Select(t => int.Parse(t.Label, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void Power_of_two_sizes_get_power_of_two_integer_ticks()
    {
        var axis = new ScarcityAxis([4, 8, 16, 32, 64, 128], 100, 700);
        Assert.True(axis.PowersOfTwo);
        Assert.Equal([4, 8, 16, 32, 64, 128], IntLabels(axis));
    }

    [Fact]
    public void Other_sizes_get_one_two_five_ticks_labelled_as_integers()
    {
        var axis = new ScarcityAxis([10, 30, 100, 300, 1000], 100, 700);
        Assert.False(axis.PowersOfTwo);
        Assert.Equal([10, 20, 50, 100, 200, 500, 1000], IntLabels(axis));
    }

    [Fact]
    public void Ticks_are_increasing_in_value_and_pixel_and_stay_few_over_many_decades()
    {
        var axis = new ScarcityAxis([1, 1_000_000], 100, 700);
        var ticks = axis.Ticks;
        Assert.InRange(ticks.Count, 4, 11);
        for (int i = 1; i < ticks.Count; i++)
        {
            Assert.True(ticks[i].Value > ticks[i - 1].Value);
            Assert.True(axis.Map(ticks[i].Value) > axis.Map(ticks[i - 1].Value));
        }

        Assert.All(ticks, t => Assert.Equal(t.Value, double.Parse(t.Label, CultureInfo.InvariantCulture)));
        Assert.All(ticks, t => Assert.InRange(axis.Map(t.Value), 100, 700));
    }

    [Fact]
    public void Many_powers_of_two_are_thinned_to_a_regular_subset()
    {
        var sizes = Enumerable.Range(0, 21).Select(k => 1 << k).ToList();
        var axis = new ScarcityAxis(sizes, 0, 600);
        var exps = axis.Ticks.Select(t => (int)Math.Round(Math.Log2(t.Value))).ToList();
        Assert.InRange(exps.Count, 4, 11);
        var gaps = exps.Zip(exps.Skip(1), (a, b) => b - a).Distinct().ToList();
        Assert.Single(gaps);
    }

    [Fact]
    public void A_narrow_range_falls_back_to_the_sizes_themselves()
    {
        var axis = new ScarcityAxis([120, 150], 0, 600);
        Assert.Equal([120, 150], IntLabels(axis));
    }

    [Fact]
    public void Zero_gets_its_own_tick_left_of_the_break_and_the_log_part()
    {
        var axis = new ScarcityAxis([0, 4, 16, 64], 100, 700);
        Assert.True(axis.HasBreak);
        Assert.Equal("0", axis.Ticks[0].Label);
        Assert.True(axis.Map(0) < axis.BreakPixel);
        Assert.True(axis.BreakPixel < axis.LogStartPixel);
        Assert.True(axis.LogStartPixel <= axis.Map(4));
        Assert.True(axis.Map(4) < axis.Map(16));
    }

    [Fact]
    public void Only_zero_is_a_single_centred_column()
    {
        var axis = new ScarcityAxis([0], 100, 700);
        Assert.False(axis.HasBreak);
        Assert.Equal(400, axis.Map(0));
        Assert.Single(axis.Ticks);
    }

    [Theory]
    [InlineData(0.013, 0.087)]
    [InlineData(-3.2, 41.7)]
    [InlineData(1180.0, 1234.0)]
    public void Linear_ticks_step_by_one_two_or_five_and_their_labels_read_back_exactly(double min, double max)
    {
        var ticks = LinearAxis.NiceTicks(min, max, 6);
        Assert.InRange(ticks.Count, 3, 11);
        double step = ticks[1].Value - ticks[0].Value;
        double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
        Assert.All(ticks, t => Assert.InRange(t.Value, min, max));
        Assert.All(ticks, t => Assert.Equal(t.Value, double.Parse(t.Label, CultureInfo.InvariantCulture), 9));
    }
}
