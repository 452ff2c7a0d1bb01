using SciTransfer.Plotting.Axes;

namespace SciTransfer.Plotting.Tests;

public class ScaleTests
{
    [Fact]
    public void Ticks_sit_at_the_sizes_themselves_with_zero_first()
    {
        var scale = new ScarcityScale([0, 4, 8, 16, 32, 64, 128], zeroSeries: 2, dataPixels: 600);
        Assert.Equal(["0", "4", "8", "16", "32", "64", "128"], scale.Ticks.Select(t => t.Label));
        Assert.Equal(Math.Log10(16), scale.Ticks.Single(t => t.Label == "16").Position, 12);
        Assert.True(scale.Zero < scale.Break && scale.Break < scale.LogMin);
    }

    [Fact]
    public void Crowded_sizes_are_thinned_but_keep_the_first_and_last()
    {
        int[] sizes = [.. Enumerable.Range(1, 60)];
        var scale = new ScarcityScale(sizes, 0, 500);
        var labels = scale.Ticks.Select(t => t.Label).ToList();
        Assert.InRange(labels.Count, 4, 30);
        Assert.Equal("1", labels[0]);
        Assert.Equal("60", labels[^1]);
        var pos = scale.Ticks.Select(t => t.Position).ToList();
        Assert.True(pos.Zip(pos.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public void The_zero_column_widens_with_the_number_of_series_so_whiskers_keep_their_room()
    {
        var two = new ScarcityScale([0, 8, 64], 2, 600);
        var eight = new ScarcityScale([0, 8, 64], 8, 600);
        double PxPerSlot(ScarcityScale s, int k) => (s.ZeroSlot(1) - s.ZeroSlot(0)) / (s.Max - s.Min) * 600;
        Assert.True(PxPerSlot(eight, 8) >= 12, $"slots {PxPerSlot(eight, 8)} px apart");
        Assert.True(eight.LogMin - eight.Min > two.LogMin - two.Min);
        Assert.All(Enumerable.Range(0, 8), i => Assert.True(eight.ZeroSlot(i) < eight.Break));
    }
}
