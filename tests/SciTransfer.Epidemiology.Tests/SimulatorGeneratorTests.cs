using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology.Tests;

/// <summary>
/// Issue 21 (Stryker survivors in the outbreak simulator): the county generator and the neighbour graph against
/// their documented definitions: FIPS = state code * 1000 + odd county number (1, 3, 5, ... in order, the real
/// FIPS convention), "County k" names, the twelve state names then "State s", one county per state first,
/// populations log-normal around the median clamped to [1000, 5e6], log density = ln(N / area) with
/// ln area ~ N(6.8, 0.6), vulnerability = logistic(N(0, 1)); neighbours = the k nearest others by squared
/// latitude/longitude distance (brute force here). Plus the argument checks and the day-covariate layout.
/// </summary>
public sealed class SimulatorGeneratorTests
{
    private static readonly string[] Names =
        ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo", "Lima"];

    [Fact]
    public void Fips_names_and_states_follow_the_numbering_scheme()
    {
        var o = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 60, Days = 30, States = 14 }, new SeedTree(61));
        var perState = new int[14];
        for (int c = 0; c < o.Counties.Count; c++)
        {
            var info = o.Counties[c];
            if (c < 14)
            {
                Assert.Equal(c, info.StateIndex); // every state gets a county first
            }

            int k = ++perState[info.StateIndex];
            Assert.Equal((((info.StateIndex + 1) * 1000) + ((2 * k) - 1)).ToString("D5", System.Globalization.CultureInfo.InvariantCulture), info.Fips);
            Assert.Equal($"County {k}", info.Name);
            Assert.Equal(info.StateIndex < 12 ? Names[info.StateIndex] : $"State {info.StateIndex + 1}", info.State);
        }

        Assert.Equal(60, o.Counties.Select(c => c.Fips).Distinct().Count());
        Assert.Contains(o.Counties, c => c.State == "State 14");
    }

    [Fact]
    public void Populations_are_the_median_without_spread_and_clamped_to_their_range()
    {
        var exact = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 20, Days = 30, States = 2, MedianPopulation = 12345.4, PopulationLogSd = 0 }, new SeedTree(62));
        Assert.All(exact.Counties, c => Assert.Equal(12345, c.Population));
        var small = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 20, Days = 30, States = 2, MedianPopulation = 10, PopulationLogSd = 0.5 }, new SeedTree(63));
        Assert.All(small.Counties, c => Assert.Equal(1000, c.Population));
        var large = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 20, Days = 30, States = 2, MedianPopulation = 1e9, PopulationLogSd = 0.5 }, new SeedTree(64));
        Assert.All(large.Counties, c => Assert.Equal(5_000_000, c.Population));
    }

    [Fact]
    public void Population_area_vulnerability_and_reporting_have_their_documented_distributions()
    {
        // 1200 counties: ln N ~ N(ln 20000, 1.2) (clamping is > 4 sd away for most), ln area = ln N - log density
        // ~ N(6.8, 0.6), logit(vulnerability) ~ N(0, 1), ln(reporting factor) ~ N(0, 0.2). Means within 5 standard
        // errors, standard deviations within 10 %.
        var o = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 1200, Days = 30, States = 8, Neighbours = 1 }, new SeedTree(65));
        void Normal(IEnumerable<double> xs, double mean, double sd, string what)
        {
            var a = xs.ToArray();
            double m = a.Average(), s = Math.Sqrt(a.Average(x => (x - m) * (x - m)));
            Assert.True(Math.Abs(m - mean) < 5 * sd / Math.Sqrt(a.Length), $"{what}: mean {m}, expected {mean}");
            Assert.True(Math.Abs((s / sd) - 1) < 0.1, $"{what}: sd {s}, expected {sd}");
        }

        Normal(o.Counties.Select(c => Math.Log(c.Population)), Math.Log(20000), 1.2, "ln N");
        Normal(o.Counties.Select(c => Math.Log(c.Population) - c.LogDensity), 6.8, 0.6, "ln area");
        Assert.All(o.Counties, c => Assert.InRange(c.Vulnerability, 1e-9, 1 - 1e-9));
        Normal(o.Counties.Select(c => Math.Log(c.Vulnerability / (1 - c.Vulnerability))), 0, 1, "logit vulnerability");
        Normal(o.Counties.Select(c => Math.Log(c.ReportingFactor)), 0, 0.2, "ln reporting");

        // Locations: state centres U(30, 47) x U(-118, -78), counties N(0, 1.2) x N(0, 1.5) around them.
        var byState = o.Counties.GroupBy(c => c.StateIndex).ToArray();
        Normal(byState.SelectMany(g => g.Select(c => c.Latitude - g.Average(d => d.Latitude))), 0, 1.2, "latitude about the state");
        Normal(byState.SelectMany(g => g.Select(c => c.Longitude - g.Average(d => d.Longitude))), 0, 1.5, "longitude about the state");
        Assert.All(byState, g => Assert.InRange(g.Average(c => c.Latitude), 30 - 0.5, 47 + 0.5));
        Assert.All(byState, g => Assert.InRange(g.Average(c => c.Longitude), -118 - 0.6, -78 + 0.6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void Neighbours_are_the_nearest_other_counties_in_order(int k)
    {
        var o = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 40, Days = 30, States = 3, Neighbours = k }, new SeedTree(66));
        for (int c = 0; c < o.Counties.Count; c++)
        {
            double D(int d) => Math.Pow(o.Counties[c].Latitude - o.Counties[d].Latitude, 2) + Math.Pow(o.Counties[c].Longitude - o.Counties[d].Longitude, 2);
            int[] expected = [.. Enumerable.Range(0, o.Counties.Count).Where(d => d != c).OrderBy(D).Take(k)];
            Assert.Equal(expected, o.Neighbours[c]);
        }
    }

    [Fact]
    public void Day_covariates_are_days_since_each_policy_then_testing_and_variant_of_the_county_state()
    {
        var o = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 12, Days = 60, States = 3 }, new SeedTree(67));
        Assert.Equal(5, SimulatedOutbreak.DayCovariateCount);
        var x = new double[5];
        foreach (int c in new[] { 0, 5, 11 })
        {
            int s = o.Counties[c].StateIndex;
            foreach (int t in new[] { 0, 17, 59 })
            {
                o.DayCovariates(c, t, x);
                Assert.Equal([t - o.PolicyStart[3 * s], t - o.PolicyStart[(3 * s) + 1], t - o.PolicyStart[(3 * s) + 2],
                    o.TestingRate[(s * 60) + t], o.VariantShare[(s * 60) + t]], x);
            }
        }

        Assert.Equal(new DateOnly(2020, 3, 31), o.DateOf(30));
    }

    [Fact]
    public void Missing_arguments_are_refused_by_name()
    {
        var rng = new Rng(1);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => OutbreakSimulator.Simulate(null!, new SeedTree(1))).ParamName);
        Assert.Equal("seeds", Assert.Throws<ArgumentNullException>(() => OutbreakSimulator.Simulate(new SimulatorOptions(), null!)).ParamName);
        Assert.Equal("rng", Assert.Throws<ArgumentNullException>(() => Sampling.Binomial(null!, 3, 0.5)).ParamName);
        Assert.Equal("rng", Assert.Throws<ArgumentNullException>(() => Sampling.Poisson(null!, 3)).ParamName);
        var o = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 4, Days = 30, States = 1, Neighbours = 1 }, new SeedTree(2));
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => o.WriteNytCsv(null!)).ParamName);
        Assert.Equal(0, Sampling.Binomial(rng, -3, 0.5));
        Assert.Equal(0, Sampling.Binomial(rng, 5, -0.1));
        Assert.Equal(5, Sampling.Binomial(rng, 5, 1.5));
        Assert.Equal(0, Sampling.Poisson(rng, -2));
    }

    [Theory]
    [InlineData(10, 0.3)]
    [InlineData(40, 0.5)]
    [InlineData(12, 0.75)]
    public void Small_binomial_draws_follow_the_exact_probability_mass_function(int n, double p)
    {
        // Chi-square over 40000 draws against C(n, x) p^x (1 - p)^(n - x) (cells with expectation >= 5, the rest
        // pooled); the 0.999 quantile for up to 40 degrees of freedom is below 74.
        var rng = new Rng(68);
        const int draws = 40000;
        var counts = new int[n + 1];
        for (int i = 0; i < draws; i++)
        {
            counts[Sampling.Binomial(rng, n, p)]++;
        }

        double chi = 0, restExpected = 0, restObserved = 0;
        int cells = 0;
        for (int x = 0; x <= n; x++)
        {
            double logPmf = LogChoose(n, x) + (x * Math.Log(p)) + ((n - x) * Math.Log(1 - p));
            double e = draws * Math.Exp(logPmf);
            if (e >= 5)
            {
                chi += (counts[x] - e) * (counts[x] - e) / e;
                cells++;
            }
            else
            {
                restExpected += e;
                restObserved += counts[x];
            }
        }

        if (restExpected > 0)
        {
            chi += (restObserved - restExpected) * (restObserved - restExpected) / restExpected;
        }

        Assert.True(cells >= 5, $"{cells} cells");
        Assert.True(chi < 74, $"chi-square {chi:F1} over {cells} cells");
    }

    private static double LogChoose(int n, int k)
    {
        double s = 0;
        for (int i = 1; i <= k; i++)
        {
            s += Math.Log(n - k + i) - Math.Log(i);
        }

        return s;
    }
}
