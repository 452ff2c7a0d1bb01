using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology;

/// <summary>
/// Cumulative case counts of many counties on a common day grid, with optional covariates, and the
/// processed TLRF series (rolled log active cases). Immutable, so one panel is shared by parallel cells.
/// </summary>
public sealed class CasePanel
{
    private readonly double[] _dayCovariates;

    /// <summary>
    /// Creates a panel. <paramref name="cumulative"/> is [county * days + day];
    /// <paramref name="countyCovariates"/> is [county * q + k]; <paramref name="dayCovariates"/> is [(county * days + day) * j + k].
    /// </summary>
    public CasePanel(
        int counties,
        int days,
        double[] cumulative,
        IReadOnlyList<string> countyCovariateNames,
        double[] countyCovariates,
        IReadOnlyList<string> dayCovariateNames,
        double[] dayCovariates,
        double[]? trueGrowth = null)
    {
        ArgumentNullException.ThrowIfNull(cumulative);
        ArgumentNullException.ThrowIfNull(countyCovariateNames);
        ArgumentNullException.ThrowIfNull(countyCovariates);
        ArgumentNullException.ThrowIfNull(dayCovariateNames);
        ArgumentNullException.ThrowIfNull(dayCovariates);
        if (cumulative.Length != counties * days || countyCovariates.Length != counties * countyCovariateNames.Count
            || dayCovariates.Length != counties * days * dayCovariateNames.Count || (trueGrowth is not null && trueGrowth.Length != counties * days))
        {
            throw new ArgumentException("CasePanel: array lengths do not match counties x days and the covariate names");
        }

        Counties = counties;
        Days = days;
        Cumulative = cumulative;
        CountyCovariateNames = countyCovariateNames;
        CountyCovariates = countyCovariates;
        DayCovariateNames = dayCovariateNames;
        _dayCovariates = dayCovariates;
        TrueGrowth = trueGrowth;
        Rolled = new double[counties * days];
        LogUsable = new double[counties * days];
        LogAll = new double[counties * days];
        for (int c = 0; c < counties; c++)
        {
            GrowthPipeline.LogActive(
                cumulative.AsSpan(c * days, days),
                Rolled.AsSpan(c * days, days),
                LogUsable.AsSpan(c * days, days),
                LogAll.AsSpan(c * days, days));
        }
    }

    /// <summary>Number of counties.</summary>
    public int Counties { get; }

    /// <summary>Number of days.</summary>
    public int Days { get; }

    /// <summary>Cumulative cases at [county * Days + day].</summary>
    public double[] Cumulative { get; }

    /// <summary>Names of the static county covariates.</summary>
    public IReadOnlyList<string> CountyCovariateNames { get; }

    /// <summary>County covariates at [county * q + k].</summary>
    public double[] CountyCovariates { get; }

    /// <summary>Names of the day-level covariates.</summary>
    public IReadOnlyList<string> DayCovariateNames { get; }

    /// <summary>7-day mean of active cases.</summary>
    public double[] Rolled { get; }

    /// <summary>ln(rolled active) where it is at least 20, NaN elsewhere (the fitting series).</summary>
    public double[] LogUsable { get; }

    /// <summary>ln(max(rolled active, 1)): the scoring series.</summary>
    public double[] LogAll { get; }

    /// <summary>True growth rates from a simulator, or null for real data.</summary>
    public double[]? TrueGrowth { get; }

    /// <summary>Day covariates of a county-day.</summary>
    public ReadOnlySpan<double> DayCovariates(int county, int day) =>
        _dayCovariates.AsSpan(((county * Days) + day) * DayCovariateNames.Count, DayCovariateNames.Count);

    /// <summary>The fitting series of one county.</summary>
    public ReadOnlySpan<double> LogSeries(int county) => LogUsable.AsSpan(county * Days, Days);

    /// <summary>Builds the panel of a simulated outbreak with its covariates and true growth rates.</summary>
    public static CasePanel FromSimulation(SimulatedOutbreak outbreak)
    {
        ArgumentNullException.ThrowIfNull(outbreak);
        int nc = outbreak.Counties.Count, days = outbreak.Days;
        var cum = new double[nc * days];
        for (int i = 0; i < cum.Length; i++)
        {
            cum[i] = outbreak.CumulativeCases[i];
        }

        string[] countyNames = ["latitude", "longitude", "log_density", "vulnerability", "log_population"];
        var county = new double[nc * countyNames.Length];
        for (int c = 0; c < nc; c++)
        {
            var info = outbreak.Counties[c];
            county[(c * 5) + 0] = info.Latitude;
            county[(c * 5) + 1] = info.Longitude;
            county[(c * 5) + 2] = info.LogDensity;
            county[(c * 5) + 3] = info.Vulnerability;
            county[(c * 5) + 4] = Math.Log(info.Population);
        }

        var dayNames = SimulatedOutbreak.PolicyNames.Select(p => "days_since_" + p).Concat(["testing_rate", "variant_share"]).ToArray();
        int j = dayNames.Length;
        var dayCov = new double[nc * days * j];
        for (int c = 0; c < nc; c++)
        {
            for (int t = 0; t < days; t++)
            {
                outbreak.DayCovariates(c, t, dayCov.AsSpan(((c * days) + t) * j, j));
            }
        }

        var growth = new double[nc * days];
        for (int i = 0; i < growth.Length; i++)
        {
            growth[i] = outbreak.TrueGrowth[i];
        }

        return new CasePanel(nc, days, cum, countyNames, county, dayNames, dayCov, growth);
    }
}
