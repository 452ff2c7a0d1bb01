using SciTransfer.FuelMoisture.Physics;

namespace SciTransfer.FuelMoisture.Tests;

/// <summary>
/// The equilibrium moisture and the time-lag step pinned independently: the equilibria in Van Wagner's
/// published form (Canadian FFMC, Van Wagner 1987, eqs. 2a/2b, temperature in deg C:
/// E_d = 0.942 H^0.679 + 11 e^{(H-100)/10} + 0.18 (21.1 - T)(1 - e^{-0.115 H}),
/// E_w = 0.618 H^0.753 + 10 e^{(H-100)/10} + 0.18 (21.1 - T)(1 - e^{-0.115 H})),
/// at temperatures away from 21.1 deg C (294.25 K) where the thermal term does not vanish, and at literal
/// values computed outside this code base (Python 3, printed with 12 decimals; script in docs/testing.md).
/// </summary>
public sealed class PublishedPhysicsTests
{
    // H (%), T (K), Ed, Ew: independent Python evaluation with the code's coefficients 0.000499 = 11 e^-10
    // and 0.000454 = 10 e^-10 (rounded as in the science file).
    [Theory]
    [InlineData(5.0, 263.15, 5.258446410653, 4.525135595670)]
    [InlineData(5.0, 308.15, 1.716355847989, 0.983045033006)]
    [InlineData(20.0, 283.15, 9.003322753875, 7.698484668483)]
    [InlineData(20.0, 308.15, 4.954487550628, 3.649649465235)]
    [InlineData(50.0, 263.15, 19.071120967393, 17.405005540251)]
    [InlineData(50.0, 294.25, 13.490938174292, 11.824822747149)]
    [InlineData(80.0, 283.15, 21.946031831476, 20.101169399308)]
    [InlineData(95.0, 263.15, 33.009966169433, 30.727229272952)]
    [InlineData(95.0, 308.15, 24.910111989671, 22.627375093191)]
    public void Drying_and_wetting_equilibria_match_independent_values_across_humidity_and_temperature(double h, double tKelvin, double ed, double ew)
    {
        var (d, w) = EquilibriumMoisture.Compute(h, tKelvin);
        Assert.Equal(ed, d, 1e-10);
        Assert.Equal(ew, w, 1e-10);
    }

    [Theory]
    [InlineData(10.0, -10.0)]
    [InlineData(35.0, 0.0)]
    [InlineData(60.0, 30.0)]
    [InlineData(90.0, 15.0)]
    public void Equilibria_agree_with_Van_Wagners_celsius_form_to_the_rounding_of_its_exponential_coefficient(double h, double tCelsius)
    {
        double thermal = 0.18 * (21.1 - tCelsius) * (1 - Math.Exp(-0.115 * h));
        double edVw = (0.942 * Math.Pow(h, 0.679)) + (11 * Math.Exp((h - 100) / 10)) + thermal;
        double ewVw = (0.618 * Math.Pow(h, 0.753)) + (10 * Math.Exp((h - 100) / 10)) + thermal;
        var (d, w) = EquilibriumMoisture.Compute(h, tCelsius + 273.15);

        // 11 e^-10 = 0.00049940 and 10 e^-10 = 0.00045400 are rounded to 0.000499 and 0.000454: at H = 90 that
        // is 4e-7 * e^9 = 3.3e-3 % of moisture at most.
        Assert.Equal(edVw, d, 5e-3);
        Assert.Equal(ewVw, w, 5e-3);
    }

    [Fact]
    public void The_thermal_term_shifts_both_equilibria_by_the_same_published_amount()
    {
        // Going from 294.25 K to 274.25 K adds 0.18 * 20 * (1 - e^{-0.115 H}) to Ed and Ew alike.
        foreach (double h in new[] { 3.0, 15.0, 40.0, 100.0 })
        {
            var (d0, w0) = EquilibriumMoisture.Compute(h, 294.25);
            var (d1, w1) = EquilibriumMoisture.Compute(h, 274.25);
            double shift = 3.6 * (1 - Math.Exp(-0.115 * h));
            Assert.Equal(shift, d1 - d0, 1e-12);
            Assert.Equal(shift, w1 - w0, 1e-12);
        }

        // At H = 10 the factor is 1 - e^{-1.15} = 0.683363 (a 0.15 constant would give 0.776870).
        var (a, _) = EquilibriumMoisture.Compute(10, 294.25);
        var (b, _) = EquilibriumMoisture.Compute(10, 284.25);
        Assert.Equal(1.8 * 0.683363, b - a, 1e-6);
    }

    [Fact]
    public void The_humidity_exponents_set_the_dry_and_moist_ends_of_the_curves()
    {
        // At 294.25 K the equilibria are the power laws a H^0.679 and 0.618 H^0.753 plus a small exponential.
        double edLow = (0.942 * Math.Pow(20, 0.679)) + (0.000499 * Math.Exp(2));
        double edHigh = (0.942 * Math.Pow(80, 0.679)) + (0.000499 * Math.Exp(8));
        double ewLow = (0.618 * Math.Pow(20, 0.753)) + (0.000454 * Math.Exp(2));
        double ewHigh = (0.618 * Math.Pow(80, 0.753)) + (0.000454 * Math.Exp(8));
        Assert.Equal(edLow, EquilibriumMoisture.Compute(20, 294.25).Ed, 1e-12);
        Assert.Equal(edHigh, EquilibriumMoisture.Compute(80, 294.25).Ed, 1e-12);
        Assert.Equal(ewLow, EquilibriumMoisture.Compute(20, 294.25).Ew, 1e-12);
        Assert.Equal(ewHigh, EquilibriumMoisture.Compute(80, 294.25).Ew, 1e-12);
        Assert.Equal(0.0, EquilibriumMoisture.Compute(0, 294.25).Ed, 3e-3);
    }

    [Fact]
    public void The_guard_orders_the_equilibria_and_clips_negative_values_at_extreme_heat()
    {
        // At H = 1 % and 350 K the thermal term (-1.09 %) exceeds both power laws (0.94 and 0.62 %): both clip to 0.
        var (d, w) = EquilibriumMoisture.Compute(1, 350);
        Assert.Equal(0.0, d);
        Assert.Equal(0.0, w);

        // At H = 100 % the wetting curve (0.618 * 100^0.753 = 19.05) stays below drying (0.942 * 100^0.679 = 21.08).
        var (d100, w100) = EquilibriumMoisture.Compute(100, 294.25);
        Assert.Equal((0.942 * Math.Pow(100, 0.679)) + 0.000499 * Math.Exp(10), d100, 1e-12);
        Assert.Equal((0.618 * Math.Pow(100, 0.753)) + 0.000454 * Math.Exp(10), w100, 1e-12);
    }

    [Theory]
    [InlineData(1.0, 30.0, 8.0, 1.0)]
    [InlineData(10.0, 30.0, 8.0, 1.0)]
    [InlineData(100.0, 30.0, 8.0, 6.0)]
    [InlineData(1000.0, 30.0, 8.0, 24.0)]
    public void A_drying_step_of_dt_hours_is_the_exact_exponential(double timeLag, double m0, double ed, double dt)
    {
        var model = TimeLagModel.ForClass(timeLag);
        double expected = ed + ((m0 - ed) * Math.Exp(-dt / timeLag));
        Assert.Equal(expected, model.Step(m0, ed, ew: 5.0, rain: 0.0, dtHours: dt), 1e-12);
    }

    [Fact]
    public void Published_drying_values_one_time_lag_and_half_a_time_lag_after_a_step_change()
    {
        // 10-h fuel at 30 % under Ed = 8 %: after 10 h the excess 22 % has fallen to 22/e = 8.093348 %,
        // after 5 h to 22 e^-0.5 = 13.343675 %.
        var model = TimeLagModel.ForClass(10);
        Assert.Equal(8 + 8.093348, model.Step(30, 8, 5, 0, dtHours: 10), 1e-6);
        Assert.Equal(8 + 13.343675, model.Step(30, 8, 5, 0, dtHours: 5), 1e-6);
    }

    [Theory]
    [InlineData(0.5, 1.0, 1.4)]
    [InlineData(2.0, 10.0, 14.0)]
    [InlineData(8.05, 100.0, 140.0)]
    [InlineData(40.0, 1000.0, 1400.0)]
    public void The_rain_branch_wets_toward_saturation_at_the_saturating_rain_rate(double rain, double timeLag, double tr)
    {
        // E = S = 250 %, k = (1 - exp(-(r - 0.05)/8)) / Tr with Tr = 1.4 T_k; one hour from 12 %.
        var model = TimeLagModel.ForClass(timeLag);
        double k = (1 - Math.Exp(-(rain - 0.05) / 8.0)) / tr;
        double expected = 250 + ((12 - 250) * Math.Exp(-k));
        Assert.Equal(expected, model.Step(12, ed: 20, ew: 15, rain: rain), 1e-10);
    }

    [Fact]
    public void Rain_of_8_05_mm_per_hour_wets_a_1_h_fuel_at_the_published_rate()
    {
        // r - r0 = 8 mm/h = rs: k = (1 - 1/e) / 1.4 = 0.4515147 per hour, so 10 % rises to
        // 250 - 240 e^-0.4515147 = 97.2009 % (Tr = 1.4 h); with Tr = 14 h (the 14-h literature value)
        // k = 0.04515147 and 10 % rises to 20.5954 %.
        Assert.Equal(97.2008615, TimeLagModel.ForClass(1).Step(10, 20, 15, 8.05), 1e-6);
        Assert.Equal(20.5953546, new TimeLagModel(1, 14).Step(10, 20, 15, 8.05), 1e-6);
        Assert.Equal(20.5953546, TimeLagModel.ForClass(1, 14).Step(10, 20, 15, 8.05), 1e-6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void At_or_below_the_rain_threshold_the_dry_weather_branches_apply(double rain)
    {
        var model = TimeLagModel.ForClass(10);
        Assert.Equal(6 + ((2 - 6) * Math.Exp(-0.1)), model.Step(2, ed: 9, ew: 6, rain: rain), 1e-12);   // wetting to Ew
        Assert.Equal(9 + ((20 - 9) * Math.Exp(-0.1)), model.Step(20, ed: 9, ew: 6, rain: rain), 1e-12); // drying to Ed
        Assert.Equal(7.5, model.Step(7.5, ed: 9, ew: 6, rain: rain));                                   // dead zone
        Assert.Equal(6.0, model.Step(6.0, ed: 9, ew: 6, rain: rain), 1e-12);                             // on the edge
    }

    [Fact]
    public void Fuel_classes_are_the_four_standard_time_lags_and_parse_with_or_without_the_unit()
    {
        Assert.Equal(new[] { 1, 10, 100, 1000 }, FuelClass.All);
        Assert.Equal("100h", FuelClass.Name(100));
        Assert.True(FuelClass.TryParse("10h", out int a) && a == 10);
        Assert.True(FuelClass.TryParse("1000", out int b) && b == 1000);
        Assert.False(FuelClass.TryParse("5h", out _));
        Assert.False(FuelClass.TryParse("ten", out _));
    }
}
