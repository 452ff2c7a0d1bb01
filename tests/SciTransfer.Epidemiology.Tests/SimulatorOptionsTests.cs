using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology.Tests;

/// <summary>
/// The simulator settings' validity ranges at each edge (the last valid and the first invalid value), as the
/// doc comments state them. Added for Stryker survivors (docs/testing.md): no test built invalid settings.
/// </summary>
public sealed class SimulatorOptionsTests
{
    private static readonly SimulatorOptions Ok = new() { Counties = 10, Days = 30, States = 1, Neighbours = 4 };

    public static TheoryData<string, SimulatorOptions> Invalid => new()
    {
        { "Counties", Ok with { Counties = 1, Neighbours = 0 } },
        { "Days", Ok with { Days = 29 } },
        { "States", Ok with { States = 0 } },
        { "States", Ok with { States = 90, Counties = 100 } },
        { "450 counties", Ok with { Counties = 451, States = 1 } },
        { "Neighbours", Ok with { Neighbours = 0 } },
        { "Neighbours", Ok with { Neighbours = 10 } },
        { "rates", Ok with { R0 = 0 } },
        { "rates", Ok with { Sigma = 0 } },
        { "rates", Ok with { Gamma = 0 } },
        { "rates", Ok with { Omega = -1e-9 } },
        { "rates", Ok with { Coupling = -1e-9 } },
        { "rates", Ok with { Coupling = 1 + 1e-9 } },
        { "rates", Ok with { MedianPopulation = 0 } },
        { "rates", Ok with { PopulationLogSd = -1e-9 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Settings_outside_their_range_are_refused_naming_the_setting(string named, SimulatorOptions options)
    {
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_at_the_edge_of_their_range_are_accepted()
    {
        Ok.Validate();
        (Ok with { Counties = 2, Neighbours = 1 }).Validate();
        (Ok with { States = 89, Counties = 100 }).Validate();
        (Ok with { Counties = 450, States = 1 }).Validate();
        (Ok with { Neighbours = 9 }).Validate();
        (Ok with { Omega = 0, Coupling = 0, PopulationLogSd = 0 }).Validate();
        (Ok with { Coupling = 1 }).Validate();

        // The defaults: latent period 3 days, infectious period 5 days, immunity 200 days.
        var d = new SimulatorOptions();
        d.Validate();
        Assert.Equal(3.0, 1 / d.Sigma, 12);
        Assert.Equal(5.0, 1 / d.Gamma, 12);
        Assert.Equal(200.0, 1 / d.Omega, 9);
    }
}
