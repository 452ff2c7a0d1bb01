using SciTransfer.HeatSink.Pinn;

namespace SciTransfer.HeatSink.Tests;

public sealed class TargetTrackerTests
{
    [Fact]
    public void Steps_to_target_is_the_start_of_the_final_stretch_below_the_target_and_the_first_crossing_is_kept()
    {
        var t = new TargetTracker(0.1);
        double[] errors = [0.3, 0.05, 0.2, 0.04, 0.03];
        for (int i = 0; i < errors.Length; i++)
        {
            t.Observe(10 * i, errors[i], i);
        }

        Assert.Equal(30, t.StepsToTarget);
        Assert.Equal(3.0, t.SecondsToTarget);
        Assert.Equal(10, t.FirstCrossing);
        Assert.Equal(1.0, t.FirstCrossingSeconds);
    }

    [Fact]
    public void A_run_that_ends_above_the_target_has_not_reached_it_but_did_cross_it()
    {
        var t = new TargetTracker(0.1);
        t.Observe(0, 0.5, 0);
        t.Observe(10, 0.1, 1);
        t.Observe(20, 0.15, 2);
        Assert.Null(t.StepsToTarget);
        Assert.Null(t.SecondsToTarget);
        Assert.Equal(10, t.FirstCrossing);
        Assert.False(t.Observe(30, double.NaN, 3));
        Assert.Null(new TargetTracker(0.1).FirstCrossing);
    }
}
