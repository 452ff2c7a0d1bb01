using SciTransfer.FuelMoisture.Physics;

namespace SciTransfer.FuelMoisture.Tests;

public class PhysicsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Drying_converges_to_Ed_with_the_class_e_folding_time(int hours)
    {
        var model = TimeLagModel.ForClass(hours);
        const double ed = 8.0, ew = 6.0, m0 = 30.0;
        double m = m0;
        int steps = 0;
        // After T_k hours the excess over Ed has shrunk by e; count hours until it has.
        while (m - ed > (m0 - ed) / Math.E * (1 + 1e-9))
        {
            m = model.Step(m, ed, ew, rain: 0);
            steps++;
        }

        Assert.Equal(hours, steps);
        for (int t = 0; t < 40 * hours; t++)
        {
            m = model.Step(m, ed, ew, 0);
        }

        Assert.Equal(ed, m, 1e-9 * m0 + 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Wetting_from_below_Ew_follows_the_exact_exponential(int hours)
    {
        var model = TimeLagModel.ForClass(hours);
        const double ed = 20.0, ew = 15.0, m0 = 2.0;
        double m = m0;
        for (int t = 1; t <= 3 * hours; t++)
        {
            m = model.Step(m, ed, ew, 0);
            double exact = ew + ((m0 - ew) * Math.Exp(-t / (double)hours));
            Assert.Equal(exact, m, 1e-9);
        }
    }

    [Fact]
    public void Moisture_between_Ew_and_Ed_does_not_change()
    {
        var model = TimeLagModel.ForClass(10);
        double m = 12.0;
        for (int t = 0; t < 100; t++)
        {
            m = model.Step(m, ed: 15.0, ew: 9.0, rain: 0.04);
        }

        Assert.Equal(12.0, m);
    }

    [Theory]
    [InlineData(1, 1.4)]
    [InlineData(10, 14.0)]
    [InlineData(100, 140.0)]
    public void Steady_rain_wets_toward_saturation_at_the_rain_rate(int hours, double tr)
    {
        var model = TimeLagModel.ForClass(hours);
        Assert.Equal(tr, model.RainTimeConstantHours, 12);
        const double rain = 5.0;
        double k = (1 - Math.Exp(-(rain - 0.05) / 8.0)) / tr;
        double m = 10, prev = m;
        for (int t = 1; t <= 50; t++)
        {
            m = model.Step(m, 12, 8, rain);
            Assert.True(m > prev && m < 250.0);
            Assert.Equal(250 + ((10 - 250) * Math.Exp(-k * t)), m, 1e-9);
            prev = m;
        }
    }

    [Fact]
    public void Rain_below_the_threshold_does_not_wet()
    {
        var model = TimeLagModel.ForClass(1);
        double m = model.Step(5.0, ed: 8, ew: 6, rain: 0.05);
        Assert.True(m > 5.0 && m < 6.0, "below Ew the fuel wets toward Ew only");
    }

    [Fact]
    public void Equilibria_are_ordered_nonnegative_and_follow_the_formula()
    {
        for (double h = 0; h <= 100; h += 5)
        {
            for (double tk = 250; tk <= 320; tk += 10)
            {
                var (ed, ew) = EquilibriumMoisture.Compute(h, tk);
                Assert.True(ed >= ew && ew >= 0, $"H={h} T={tk}: Ed {ed} Ew {ew}");
            }
        }

        // Independent evaluation at H = 50 %, T = 294.25 K (the thermal term vanishes).
        var (d, w) = EquilibriumMoisture.Compute(50, 294.25);
        Assert.Equal((0.942 * Math.Pow(50, 0.679)) + (0.000499 * Math.Exp(5)), d, 12);
        Assert.Equal((0.618 * Math.Pow(50, 0.753)) + (0.000454 * Math.Exp(5)), w, 12);
        var (d2, _) = EquilibriumMoisture.Compute(50, 294.25, EquilibriumMoisture.PythonCodeDryingCoefficient);
        Assert.Equal((0.924 * Math.Pow(50, 0.679)) + (0.000499 * Math.Exp(5)), d2, 12);
        Assert.Equal(EquilibriumMoisture.Compute(100, 290), EquilibriumMoisture.Compute(130, 290));
    }
}
