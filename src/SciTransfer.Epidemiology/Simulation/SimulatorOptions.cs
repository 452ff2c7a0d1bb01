namespace SciTransfer.Epidemiology.Simulation;

/// <summary>Settings of the metapopulation SEIR outbreak simulator (rates per day).</summary>
public sealed record SimulatorOptions
{
    /// <summary>Number of counties.</summary>
    public int Counties { get; init; } = 200;

    /// <summary>Number of simulated days.</summary>
    public int Days { get; init; } = 360;

    /// <summary>Number of states (policy timing and testing are set per state).</summary>
    public int States { get; init; } = 8;

    /// <summary>Calendar date of day 0 (the NYT file starts 2020-01-21; the outbreak grows from March).</summary>
    public DateOnly StartDate { get; init; } = new(2020, 3, 1);

    /// <summary>Basic reproduction number before covariate, policy, variant and season effects.</summary>
    public double R0 { get; init; } = 2.4;

    /// <summary>E -> I rate sigma (1 / latent period of 3 days).</summary>
    public double Sigma { get; init; } = 1.0 / 3.0;

    /// <summary>I -> R rate gamma (1 / infectious period of 5 days).</summary>
    public double Gamma { get; init; } = 1.0 / 5.0;

    /// <summary>R -> S waning rate omega (1 / 200 days), which allows later waves.</summary>
    public double Omega { get; init; } = 1.0 / 200.0;

    /// <summary>Share of a county's force of infection that comes from its neighbours.</summary>
    public double Coupling { get; init; } = 0.15;

    /// <summary>Neighbours per county (nearest by location).</summary>
    public int Neighbours { get; init; } = 4;

    /// <summary>Median county population (log-normal, sigma <see cref="PopulationLogSd"/>: many small counties, a few large).</summary>
    public double MedianPopulation { get; init; } = 20000;

    /// <summary>Log-sd of county populations.</summary>
    public double PopulationLogSd { get; init; } = 1.2;

    /// <summary>Infection fatality of reported cases.</summary>
    public double CaseFatality { get; init; } = 0.012;

    /// <summary>Throws ArgumentException naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Counties < 2 || Days < 30 || States < 1 || States > 89)
        {
            throw new ArgumentException($"SimulatorOptions: need Counties >= 2, Days >= 30, 1 <= States <= 89 (found {Counties}, {Days}, {States})");
        }

        if (Counties > 450 * States)
        {
            throw new ArgumentException($"SimulatorOptions: at most 450 counties per state fit the FIPS scheme (found {Counties} for {States} states)");
        }

        if (Neighbours < 1 || Neighbours >= Counties)
        {
            throw new ArgumentException($"SimulatorOptions.Neighbours must be in 1..Counties-1, found {Neighbours}");
        }

        if (!(R0 > 0 && Sigma > 0 && Gamma > 0 && Omega >= 0 && Coupling is >= 0 and <= 1 && MedianPopulation > 0 && PopulationLogSd >= 0))
        {
            throw new ArgumentException("SimulatorOptions: rates must be positive and Coupling in [0, 1]");
        }
    }
}
