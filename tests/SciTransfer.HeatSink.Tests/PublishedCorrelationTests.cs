using SciTransfer.HeatSink.Physics;

namespace SciTransfer.HeatSink.Tests;

/// <summary>
/// Every Nusselt correlation and the Biot numbers derived from material properties, pinned at points spanning
/// their range to published table values or to numbers computed outside this code base (an independent
/// evaluation of the published formula in Python 3, math module, printed with 12 decimals; the script is in
/// docs/testing.md). Nothing here calls one of the code's functions to compute an expectation.
/// </summary>
public sealed class PublishedCorrelationTests
{
    // Lyon (1951), uniform heat flux: Nu = 7 + 0.025 Pe^0.8.
    [Theory]
    [InlineData(1.0, 7.025000000000)]
    [InlineData(10.0, 7.157739336120)]
    [InlineData(100.0, 7.995267926384)]
    [InlineData(1000.0, 13.279716078774)]
    [InlineData(10000.0, 46.622329811528)]
    public void Lyon_matches_the_published_formula_from_conduction_to_turbulent_Peclet(double peclet, double nu)
    {
        Assert.Equal(nu, NusseltCorrelations.Lyon(peclet), 1e-9);
    }

    // Seban-Shimazaki (1951), uniform wall temperature: Nu = 5 + 0.025 Pe^0.8.
    [Theory]
    [InlineData(1.0, 5.025000000000)]
    [InlineData(10.0, 5.157739336120)]
    [InlineData(100.0, 5.995267926384)]
    [InlineData(1000.0, 11.279716078774)]
    [InlineData(10000.0, 44.622329811528)]
    public void Seban_Shimazaki_matches_the_published_formula_from_conduction_to_turbulent_Peclet(double peclet, double nu)
    {
        Assert.Equal(nu, NusseltCorrelations.SebanShimazaki(peclet), 1e-9);
    }

    // Skupinski, Tortel and Vautrey (1965): Nu = 4.82 + 0.0185 Pe^0.827.
    [Theory]
    [InlineData(1.0, 4.838500000000)]
    [InlineData(10.0, 4.944214337791)]
    [InlineData(100.0, 5.654010903402)]
    [InlineData(1000.0, 10.419789841987)]
    [InlineData(10000.0, 42.418604702320)]
    public void Skupinski_matches_the_published_formula_from_conduction_to_turbulent_Peclet(double peclet, double nu)
    {
        Assert.Equal(nu, NusseltCorrelations.Skupinski(peclet), 1e-9);
    }

    [Fact]
    public void Uniform_flux_and_uniform_wall_temperature_differ_by_exactly_two_at_every_Peclet()
    {
        foreach (double pe in new[] { 0.5, 7.3, 420.0, 3.1e4 })
        {
            Assert.Equal(2.0, NusseltCorrelations.Lyon(pe) - NusseltCorrelations.SebanShimazaki(pe), 1e-12);
        }
    }

    // Dittus-Boelter (heating): Nu = 0.023 Re^0.8 Pr^0.4.
    [Theory]
    [InlineData(1e4, 5.85, 73.890768328833)]
    [InlineData(2e4, 3.0, 98.491858943563)]
    [InlineData(5e4, 5.85, 267.772631091291)]
    [InlineData(1e5, 0.7, 199.419237807658)]
    public void Dittus_Boelter_matches_the_published_formula_over_Reynolds_and_Prandtl(double reynolds, double prandtl, double nu)
    {
        Assert.Equal(nu, NusseltCorrelations.DittusBoelter(reynolds, prandtl), 1e-8);
    }

    // Shah and London (1978), fully developed laminar flow in rectangular ducts, H1 condition, Table of Nu_H1 by
    // aspect ratio alpha* = short/long side (also Incropera, Table 8.1): 3.608, 4.123, 5.331, 6.490, 8.235.
    // The polynomial fit reproduces the table to about 0.1 %.
    [Theory]
    [InlineData(1.0, 3.608)]
    [InlineData(0.5, 4.123)]
    [InlineData(0.25, 5.331)]
    [InlineData(0.125, 6.490)]
    [InlineData(0.0, 8.235)]
    public void Shah_London_reproduces_the_published_rectangular_duct_table_within_its_fit_error(double aspect, double tableNu)
    {
        double nu = NusseltCorrelations.ShahLondon(aspect);
        Assert.True(Math.Abs(nu - tableNu) / tableNu < 1.5e-3, $"alpha {aspect}: polynomial {nu} vs table {tableNu}");
    }

    [Theory]
    [InlineData(0.75, 3.702990792480)]
    [InlineData(1.0 / 3.0, 4.798388777778)] // table value 4.79
    public void Shah_London_polynomial_is_evaluated_exactly(double aspect, double nu)
    {
        Assert.Equal(nu, NusseltCorrelations.ShahLondon(aspect), 1e-11);
        Assert.Equal(nu, NusseltCorrelations.ShahLondon(1 / aspect), 1e-11);
    }

    [Fact]
    public void The_water_prior_is_laminar_below_2300_and_Dittus_Boelter_when_that_is_larger()
    {
        // Re 2000: laminar Shah-London at alpha 0.75 even though Dittus-Boelter would give 20.39.
        Assert.Equal(3.702990792480, NusseltCorrelations.Prior(Fluid.Water, 2000, 0.75), 1e-9);
        // Re 1e4, Pr 5.85: turbulent Dittus-Boelter.
        Assert.Equal(73.890768328833, NusseltCorrelations.Prior(Fluid.Water, 1e4, 0.75), 1e-8);
        // The switch sits at Re 2300 exactly: just below it laminar, from it on Dittus-Boelter (0.023 Re^0.8 Pr^0.4,
        // values from Python: 0.023 * 2500**0.8 * 5.85**0.4), so a moved switch (e.g. to 3000) fails here.
        Assert.Equal(3.702990792480, NusseltCorrelations.Prior(Fluid.Water, 2299, 0.75), 1e-9);
        Assert.Equal(24.37486333574564, NusseltCorrelations.Prior(Fluid.Water, 2500, 0.75), 1e-9);
        // Sodium Re 1000, Pr 0.0057 -> Pe 5.7: Lyon.
        Assert.Equal(7.0 + (0.025 * Math.Pow(5.7, 0.8)), NusseltCorrelations.Prior(Fluid.Sodium, 1000, 0.75), 1e-12);
    }

    // The default millimetre cell: channel 1.5 mm x 2 mm, D_h = 2wH/(w+H) = 1.714285714 mm, aspect 0.75.
    // Water 300 K (k 0.61, laminar Re 1000): h = 3.70299 * 0.61 / D_h = 1317.6476 W/m2K (the science file's ~1.3e3).
    // Sodium 600 K (k 75, Pe 5.7): h = 7.10061 * 75 / D_h = 310651.67 W/m2K. Bi = h * 1 mm / k_s.
    [Theory]
    [InlineData(390.0, 0.003378583479, 0.796542755826)]
    [InlineData(237.0, 0.005559694333, 1.310766560221)]
    [InlineData(16.0, 0.082352972312, 19.415729673266)]
    public void Biot_numbers_follow_from_the_solid_and_fluid_properties(double solidConductivity, double waterBiot, double sodiumBiot)
    {
        var water = new HeatSinkDesign(HeatSinkGeometry.Default, 1e-3, solidConductivity, Fluid.Water, 1000);
        var sodium = new HeatSinkDesign(HeatSinkGeometry.Default, 1e-3, solidConductivity, Fluid.Sodium, 1000);
        Assert.Equal(1.714285714286e-3, water.HydraulicDiameter, 1e-14);
        Assert.Equal(0.75, water.AspectRatio, 12);
        Assert.Equal(5.7, sodium.Peclet, 12);
        Assert.Equal(1317.647556990967, water.HeatTransferCoefficient, 1e-6);
        Assert.Equal(310651.6747722601, sodium.HeatTransferCoefficient, 1e-4);
        Assert.Equal(waterBiot, water.Biot, 1e-11);
        Assert.Equal(sodiumBiot, sodium.Biot, 1e-9);
    }

    [Fact]
    public void Turbulent_water_in_a_two_millimetre_channel_has_the_science_file_heat_transfer_coefficient()
    {
        // Square 2 mm duct, Re 1e4: Nu 73.89, h = 73.89 * 0.61 / 2e-3 = 22536.7 W/m2K, inside the 2-4e4 quoted.
        var g = new HeatSinkGeometry(HalfPitch: 1.25, BaseThickness: 0.5, FinHalfThickness: 0.25, FinHeight: 2.0);
        var design = new HeatSinkDesign(g, 1e-3, 237, Fluid.Water, 1e4);
        Assert.Equal(2e-3, design.HydraulicDiameter, 1e-15);
        Assert.Equal(73.890768328833 * 0.61 / 2e-3, design.HeatTransferCoefficient, 1e-6);
        Assert.InRange(design.HeatTransferCoefficient, 2e4, 4e4);
    }

    [Fact]
    public void Fluid_properties_are_the_science_files_water_at_300_K_and_sodium_at_600_K()
    {
        Assert.Equal(new Fluid("water", 0.61, 5.85, false), Fluid.Water);
        Assert.Equal(new Fluid("sodium", 75.0, 0.0057, true), Fluid.Sodium);
        Assert.Same(Fluid.Water, Fluid.ByName("water"));
        Assert.Same(Fluid.Sodium, Fluid.ByName("sodium"));
        Assert.Null(Fluid.ByName("air"));
    }
}
