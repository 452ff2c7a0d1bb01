using System.Globalization;

namespace SciTransfer.Epidemiology.Simulation;

/// <summary>
/// The output of <see cref="OutbreakSimulator"/>: per county-day compartments, true and reported counts,
/// day-level covariates and the true growth rates. Arrays indexed [county * Days + day]; compartment values
/// are at the end of the day. Read-only after construction (safe to share across threads).
/// </summary>
public sealed class SimulatedOutbreak
{
    /// <summary>Names of the policies whose "days since start" are day-level covariates.</summary>
    public static readonly IReadOnlyList<string> PolicyNames = ["stay-at-home", "mask-mandate", "reopening"];

    internal SimulatedOutbreak(
        SimulatorOptions options,
        IReadOnlyList<CountyInfo> counties,
        int[][] neighbours,
        int[] policyStart,
        double[] testing,
        double[] variant,
        int[] s,
        int[] e,
        int[] i,
        int[] r,
        int[] trueIncidence,
        long[] cumulativeCases,
        long[] cumulativeDeaths,
        double[] trueGrowth)
    {
        Options = options;
        Counties = counties;
        Neighbours = neighbours;
        PolicyStart = policyStart;
        TestingRate = testing;
        VariantShare = variant;
        Susceptible = s;
        Exposed = e;
        Infectious = i;
        Recovered = r;
        TrueIncidence = trueIncidence;
        CumulativeCases = cumulativeCases;
        CumulativeDeaths = cumulativeDeaths;
        TrueGrowth = trueGrowth;
    }

    /// <summary>The settings used.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Number of days T.</summary>
    public int Days => Options.Days;

    /// <summary>Counties with their static covariates.</summary>
    public IReadOnlyList<CountyInfo> Counties { get; }

    /// <summary>Neighbour indices of each county.</summary>
    public IReadOnlyList<int[]> Neighbours { get; }

    /// <summary>Start day of policy k in state s at [s * 3 + k].</summary>
    public IReadOnlyList<int> PolicyStart { get; }

    /// <summary>Testing rate (share of new infections detected before the county factor) at [state * Days + day].</summary>
    public IReadOnlyList<double> TestingRate { get; }

    /// <summary>Share of infections by the new variant at [state * Days + day].</summary>
    public IReadOnlyList<double> VariantShare { get; }

    /// <summary>Susceptible S at [county * Days + day].</summary>
    public IReadOnlyList<int> Susceptible { get; }

    /// <summary>Exposed E.</summary>
    public IReadOnlyList<int> Exposed { get; }

    /// <summary>Infectious I.</summary>
    public IReadOnlyList<int> Infectious { get; }

    /// <summary>Recovered R.</summary>
    public IReadOnlyList<int> Recovered { get; }

    /// <summary>True new infectious cases (E -> I) per county-day.</summary>
    public IReadOnlyList<int> TrueIncidence { get; }

    /// <summary>Cumulative reported cases per county-day (after detection, delays and weekday effects).</summary>
    public IReadOnlyList<long> CumulativeCases { get; }

    /// <summary>Cumulative reported deaths per county-day.</summary>
    public IReadOnlyList<long> CumulativeDeaths { get; }

    /// <summary>
    /// True growth rate per day: r(t) = (ln A(t+7) - ln A(t)) / 7 with A the 7-day mean of the true active
    /// infections over a 22-day window (the TLRF definition applied to true incidence); NaN where undefined.
    /// </summary>
    public IReadOnlyList<double> TrueGrowth { get; }

    /// <summary>Calendar date of day <paramref name="day"/>.</summary>
    public DateOnly DateOf(int day) => Options.StartDate.AddDays(day);

    /// <summary>Day-level covariates of a county-day: days since each policy started (negative before),
    /// testing rate, variant share. Length <see cref="DayCovariateCount"/>.</summary>
    public void DayCovariates(int county, int day, Span<double> destination)
    {
        int s = Counties[county].StateIndex;
        for (int k = 0; k < PolicyNames.Count; k++)
        {
            destination[k] = day - PolicyStart[(s * PolicyNames.Count) + k];
        }

        destination[PolicyNames.Count] = TestingRate[(s * Days) + day];
        destination[PolicyNames.Count + 1] = VariantShare[(s * Days) + day];
    }

    /// <summary>Number of day-level covariates.</summary>
    public static int DayCovariateCount => PolicyNames.Count + 2;

    /// <summary>
    /// Writes the reported data in the shape of the NYT us-counties.csv file: <c>date,county,state,fips,cases,deaths</c>,
    /// one row per county-day from the county's first reported case, ordered by date then FIPS.
    /// </summary>
    public void WriteNytCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("date,county,state,fips,cases,deaths");
        var order = Enumerable.Range(0, Counties.Count).OrderBy(c => Counties[c].Fips, StringComparer.Ordinal).ToArray();
        for (int t = 0; t < Days; t++)
        {
            string date = DateOf(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (int c in order)
            {
                long cases = CumulativeCases[(c * Days) + t];
                if (cases <= 0)
                {
                    continue;
                }

                var info = Counties[c];
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{date},{info.Name},{info.State},{info.Fips},{cases},{CumulativeDeaths[(c * Days) + t]}"));
            }
        }
    }
}
