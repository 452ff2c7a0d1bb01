using SciTransfer.FuelMoisture.Physics;

namespace SciTransfer.FuelMoisture.Tests;

/// <summary>
/// The hourly-series entry points of the physics (what the data pipeline calls): the span form of the
/// equilibria equals the scalar form element by element, the hourly run chains exact steps with the weather of
/// each hour, and mismatched lengths are refused with a message naming every length. Added for Stryker
/// survivors (docs/testing.md): the physics test classes used only the scalar forms.
/// </summary>
public sealed class SeriesPhysicsTests
{
    [Fact]
    public void Series_equilibria_equal_the_scalar_formula_hour_by_hour_including_clipped_humidity()
    {
        double[] h = [-10, 0, 35, 100, 130];
        double[] t = [300, 280, 294.25, 263.15, 310];
        var ed = new double[5];
        var ew = new double[5];
        EquilibriumMoisture.Compute(h, t, 0.924, ed, ew);
        for (int i = 0; i < h.Length; i++)
        {
            var (d, w) = EquilibriumMoisture.Compute(h[i], t[i], 0.924);
            Assert.Equal(d, ed[i]);
            Assert.Equal(w, ew[i]);
        }

        // Humidity is clipped to [0, 100] % before the formula: -10 % behaves as 0 % and 130 % as 100 %.
        // At H = 0 % every term but 0.000499 e^0 = 4.99e-4 (Ed) and 4.54e-4 (Ew) vanishes.
        Assert.Equal(0.000499, ed[0], 15);
        Assert.Equal(0.000454, ew[0], 15);
        Assert.Equal(EquilibriumMoisture.Compute(100, 310, 0.924).Ed, ed[4]);
        double thermal = 0.18 * (294.25 - 310) * (1 - Math.Exp(-11.5));
        Assert.Equal((0.924 * Math.Pow(100, 0.679)) + (0.000499 * Math.Exp(10)) + thermal, ed[4], 11);
    }

    [Theory]
    [InlineData(4, 5, 5, 5)]
    [InlineData(5, 4, 5, 5)]
    [InlineData(5, 5, 4, 5)]
    [InlineData(5, 5, 5, 4)]
    public void Series_equilibria_refuse_mismatched_lengths(int nh, int nt, int ned, int new_)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            EquilibriumMoisture.Compute(new double[nh], new double[nt], 0.942, new double[ned], new double[new_]));
        Assert.Contains($"H {nh}, T {nt}, Ed {ned}, Ew {new_}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_hourly_run_chains_exact_one_hour_steps_with_each_hours_weather()
    {
        // 10-h fuel from 30 %: dry toward 8 % for two hours (22 e^-0.1, then 22 e^-0.2 above 8), hold in the dead
        // zone (Ew 5 < m < Ed 40), then rain 8.05 mm/h toward 250 % at k = (1 - 1/e) / 14.
        var model = TimeLagModel.ForClass(10);
        double[] ed = [8, 8, 40, 20];
        double[] ew = [5, 5, 5, 15];
        double[] rain = [0, 0, 0, 8.05];
        var m = new double[4];
        model.Run(30, ed, ew, rain, m);
        double m1 = 8 + (22 * Math.Exp(-0.1)), m2 = 8 + (22 * Math.Exp(-0.2));
        Assert.Equal(m1, m[0], 12);
        Assert.Equal(m2, m[1], 12);
        Assert.Equal(m2, m[2], 12);
        double k = (1 - Math.Exp(-1)) / 14;
        Assert.Equal(250 + ((m2 - 250) * Math.Exp(-k)), m[3], 12);
    }

    [Theory]
    [InlineData(3, 2, 3, 3)]
    [InlineData(3, 3, 2, 3)]
    [InlineData(3, 3, 3, 2)]
    [InlineData(2, 3, 3, 3)]
    public void An_hourly_run_refuses_mismatched_lengths(int ned, int new_, int nrain, int ndest)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TimeLagModel.ForClass(1).Run(10, new double[ned], new double[new_], new double[nrain], new double[ndest]));
        Assert.Contains($"Ed {ned}, Ew {new_}, rain {nrain}, destination {ndest}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_record_defaults_are_the_science_files_rain_parameters()
    {
        // r0 = 0.05 mm/h, rs = 8 mm/h, S = 250 %, Tr = 1.4 T_k.
        var m = TimeLagModel.ForClass(100);
        Assert.Equal(0.05, m.RainThreshold);
        Assert.Equal(8.0, m.RainSaturationScale);
        Assert.Equal(250.0, m.Saturation);
        Assert.Equal(140.0, m.RainTimeConstantHours, 12);
        Assert.Equal(1000.0, TimeLagModel.ForClass(100, 10).RainTimeConstantHours, 12);
    }
}
