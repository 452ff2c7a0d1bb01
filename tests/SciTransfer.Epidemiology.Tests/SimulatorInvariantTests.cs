using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology.Tests;

/// <summary>
/// The SEIRS simulator's flows and rates checked from its published state series alone: every implied daily
/// flow is a non-negative draw bounded by its source compartment, and the pooled transition fractions equal
/// 1 - exp(-rate) for sigma, gamma and omega within their binomial sampling error.
/// </summary>
public sealed class SimulatorInvariantTests
{
    private static readonly SimulatorOptions Options = new() { Counties = 60, Days = 200, States = 4 };

    [Fact]
    public void Implied_daily_flows_are_non_negative_and_bounded_by_their_source_compartment()
    {
        var o = OutbreakSimulator.Simulate(Options, new SeedTree(21));
        int days = o.Days;
        for (int c = 0; c < o.Counties.Count; c++)
        {
            for (int t = 1; t < days; t++)
            {
                int i = (c * days) + t, p = i - 1;
                int newI = o.TrueIncidence[i];
                int newR = newI - (o.Infectious[i] - o.Infectious[p]);  // I -> R
                int newE = o.Exposed[i] - o.Exposed[p] + newI;           // S -> E (infection and imports)
                int newS = o.Recovered[p] + newR - o.Recovered[i];       // R -> S (waning)
                Assert.InRange(newI, 0, o.Exposed[p]);
                Assert.InRange(newR, 0, o.Infectious[p]);
                Assert.InRange(newS, 0, o.Recovered[p]);
                Assert.InRange(newE, 0, o.Susceptible[p]);
                Assert.Equal(o.Susceptible[p] + newS - newE, o.Susceptible[i]);
            }
        }
    }

    [Fact]
    public void Pooled_transition_fractions_equal_one_minus_exp_of_minus_each_rate()
    {
        var options = Options with { Sigma = 0.4, Gamma = 0.15, Omega = 0.02 };
        var o = OutbreakSimulator.Simulate(options, new SeedTree(22));
        int days = o.Days;
        double exposed = 0, infectious = 0, recovered = 0, toI = 0, toR = 0, toS = 0;
        for (int c = 0; c < o.Counties.Count; c++)
        {
            for (int t = 1; t < days; t++)
            {
                int i = (c * days) + t, p = i - 1;
                int newI = o.TrueIncidence[i];
                int newR = newI - (o.Infectious[i] - o.Infectious[p]);
                exposed += o.Exposed[p];
                infectious += o.Infectious[p];
                recovered += o.Recovered[p];
                toI += newI;
                toR += newR;
                toS += o.Recovered[p] + newR - o.Recovered[i];
            }
        }

        // Binomial pooling: the fraction's standard error is sqrt(p(1-p)/N); 5 standard errors, and N is large
        // (> 1e5 person-days per compartment), so a rate off by 5 % would fail.
        void Check(string what, double moved, double at, double rate)
        {
            double p = 1 - Math.Exp(-rate);
            double se = Math.Sqrt(p * (1 - p) / at);
            Assert.True(at > 1e5, $"{what}: only {at} person-days");
            Assert.True(Math.Abs((moved / at) - p) < 5 * se + 1e-3 * p, $"{what}: fraction {moved / at:F5}, expected {p:F5} (se {se:E1})");
        }

        Check("E -> I", toI, exposed, 0.4);
        Check("I -> R", toR, infectious, 0.15);
        Check("R -> S", toS, recovered, 0.02);
    }

    [Fact]
    public void Without_waning_no_one_returns_to_the_susceptible_pool()
    {
        var o = OutbreakSimulator.Simulate(Options with { Omega = 0 }, new SeedTree(23));
        int days = o.Days;
        for (int c = 0; c < o.Counties.Count; c++)
        {
            for (int t = 1; t < days; t++)
            {
                int i = (c * days) + t;
                Assert.True(o.Susceptible[i] <= o.Susceptible[i - 1], $"county {c} day {t}: S rose");
                Assert.True(o.Recovered[i] >= o.Recovered[i - 1], $"county {c} day {t}: R fell");
            }
        }
    }

    [Theory]
    [InlineData(10, 0.3)]
    [InlineData(200, 0.05)]
    [InlineData(1000, 0.4)]
    [InlineData(30, 0.8)]   // p > 0.5: drawn as n - Bin(n, 1 - p)
    [InlineData(2000, 0.97)]
    public void Binomial_draws_have_the_binomial_mean_and_variance(int n, double p)
    {
        var rng = new Rng(31);
        const int draws = 20000;
        double sum = 0, sumSq = 0;
        for (int k = 0; k < draws; k++)
        {
            int x = Sampling.Binomial(rng, n, p);
            Assert.InRange(x, 0, n);
            sum += x;
            sumSq += (double)x * x;
        }

        double mean = sum / draws, variance = (sumSq / draws) - (mean * mean);
        double expectedVar = n * p * (1 - p);
        Assert.True(Math.Abs(mean - (n * p)) < 5 * Math.Sqrt(expectedVar / draws), $"mean {mean} vs {n * p}");
        Assert.True(Math.Abs(variance / expectedVar - 1) < 0.06, $"variance {variance} vs {expectedVar}");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(12.0)]
    [InlineData(250.0)]
    public void Poisson_draws_have_equal_mean_and_variance(double lambda)
    {
        var rng = new Rng(32);
        const int draws = 20000;
        double sum = 0, sumSq = 0;
        for (int k = 0; k < draws; k++)
        {
            int x = Sampling.Poisson(rng, lambda);
            Assert.True(x >= 0);
            sum += x;
            sumSq += (double)x * x;
        }

        double mean = sum / draws, variance = (sumSq / draws) - (mean * mean);
        Assert.True(Math.Abs(mean - lambda) < 5 * Math.Sqrt(lambda / draws), $"mean {mean} vs {lambda}");
        Assert.True(Math.Abs(variance / lambda - 1) < 0.06, $"variance {variance} vs {lambda}");
    }

    [Fact]
    public void Degenerate_binomial_and_poisson_arguments_give_their_limits()
    {
        var rng = new Rng(33);
        Assert.Equal(0, Sampling.Binomial(rng, 0, 0.5));
        Assert.Equal(0, Sampling.Binomial(rng, 10, 0));
        Assert.Equal(10, Sampling.Binomial(rng, 10, 1));
        Assert.Equal(0, Sampling.Poisson(rng, 0));
    }
}
