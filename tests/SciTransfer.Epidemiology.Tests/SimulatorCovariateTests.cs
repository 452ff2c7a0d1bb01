using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology.Tests;

/// <summary>
/// Issue 21 (Stryker survivors in the outbreak simulator): the day-level covariates follow their documented closed
/// forms (docs/epidemiology.md, the simulator's summary), and the force of infection is the documented
/// lambda = beta [(1 - m) I_c / N_c + m mean_nb I_d / N_d] with
/// beta = R0 gamma e^{0.6 (v - 0.5) + 0.12 z} policy (1 + 0.6 variant) (1 + 0.12 cos(2 pi (t + 30) / 365)),
/// checked by pooling S -> E flows over county-days against S (1 - e^{-lambda}) + imports. The invariant tests
/// held the other three flows; these held nothing about infection, so most simulator mutants survived.
/// </summary>
public sealed class SimulatorCovariateTests
{
    private static readonly SimulatorOptions Options = new() { Counties = 60, Days = 200, States = 6 };

    [Fact]
    public void Testing_rate_is_the_logistic_ramp_8_to_50_percent_with_an_18_day_scale_and_a_whole_day_midpoint()
    {
        var o = OutbreakSimulator.Simulate(Options, new SeedTree(41));
        for (int s = 0; s < Options.States; s++)
        {
            // Midpoint from day 0 by inverting 0.08 + 0.42 / (1 + e^{(h - t) / 18}), then every day must follow.
            double t0 = o.TestingRate[s * o.Days];
            double half = 18 * Math.Log((0.42 / (t0 - 0.08)) - 1);
            Assert.True(Math.Abs(half - Math.Round(half)) < 1e-6, $"state {s}: midpoint {half} is not a whole day");
            Assert.InRange(Math.Round(half), 50, 99);
            for (int t = 0; t < o.Days; t++)
            {
                double expected = 0.08 + (0.42 / (1 + Math.Exp((Math.Round(half) - t) / 18.0)));
                Assert.Equal(expected, o.TestingRate[(s * o.Days) + t], 12);
            }
        }
    }

    [Fact]
    public void Variant_share_is_a_logistic_with_a_12_day_scale_around_day_230()
    {
        var o = OutbreakSimulator.Simulate(Options with { Days = 300 }, new SeedTree(42));
        for (int s = 0; s < Options.States; s++)
        {
            double mid = 230 + (12 * Math.Log((1 / o.VariantShare[(s * o.Days) + 230]) - 1));
            Assert.InRange(mid, 230 - 60, 230 + 60); // N(230, 12^2): 5 sd
            for (int t = 0; t < o.Days; t++)
            {
                Assert.Equal(1 / (1 + Math.Exp(-(t - mid) / 12.0)), o.VariantShare[(s * o.Days) + t], 10);
            }
        }
    }

    [Fact]
    public void Policy_start_days_cover_their_documented_ranges()
    {
        // Stay-at-home 12 + U{0..17}, masks 90 + U{0..69}, reopening 160 + U{0..59}: over 8 seeds x 12 states every
        // start lies in its range and the ranges' ends are reached (each end value has probability 1 - (1 - 1/18)^96
        // > 0.99 for the first, and the extremes of 96 uniform draws lie within 10 % of the ends for the others).
        var starts = new List<int>[3];
        for (int k = 0; k < 3; k++)
        {
            starts[k] = [];
        }

        for (int seed = 0; seed < 8; seed++)
        {
            var o = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 12, Days = 30, States = 12 }, new SeedTree((ulong)(100 + seed)));
            for (int s = 0; s < 12; s++)
            {
                for (int k = 0; k < 3; k++)
                {
                    starts[k].Add(o.PolicyStart[(s * 3) + k]);
                }
            }
        }

        (int Lo, int Hi)[] ranges = [(12, 29), (90, 159), (160, 219)];
        for (int k = 0; k < 3; k++)
        {
            Assert.All(starts[k], d => Assert.InRange(d, ranges[k].Lo, ranges[k].Hi));
            int slack = k == 0 ? 0 : 7;
            Assert.InRange(starts[k].Min(), ranges[k].Lo, ranges[k].Lo + slack);
            Assert.InRange(starts[k].Max(), ranges[k].Hi - slack, ranges[k].Hi);
        }
    }

    [Theory]
    [InlineData(51, 0.15)]
    [InlineData(52, 0.6)]
    public void Pooled_infections_equal_the_documented_force_of_infection(int seed, double coupling)
    {
        var options = Options with { Coupling = coupling, Days = 300 };
        var o = OutbreakSimulator.Simulate(options, new SeedTree((ulong)seed));
        int days = o.Days, nc = o.Counties.Count;
        double meanLd = o.Counties.Average(c => c.LogDensity);
        double sdLd = Math.Sqrt(o.Counties.Average(c => (c.LogDensity - meanLd) * (c.LogDensity - meanLd)));
        double observed = 0, expected = 0, variance = 0;
        int used = 0;
        for (int c = 0; c < nc; c++)
        {
            var info = o.Counties[c];
            int s = info.StateIndex;
            int stay = o.PolicyStart[s * 3], masks = o.PolicyStart[(s * 3) + 1], reopen = o.PolicyStart[(s * 3) + 2];
            for (int t = 1; t < days; t++)
            {
                // The stay-at-home order lasts 40 + U{0..39} days (its end is not published): use only days where
                // it is certainly on (stay <= t < stay + 40) or certainly off (t < stay, or t >= stay + 80).
                bool on = t >= stay && t < stay + 40;
                if (!on && !(t < stay || t >= stay + 80))
                {
                    continue;
                }

                double policy = on ? 0.5 : 1;
                if (t >= masks)
                {
                    policy *= 1 - (0.25 * Math.Min(1, (t - masks) / 14.0));
                }

                if (t >= reopen)
                {
                    policy *= 1.3;
                }

                double z = (info.LogDensity - meanLd) / sdLd;
                double beta = options.R0 * options.Gamma * Math.Exp((0.6 * (info.Vulnerability - 0.5)) + (0.12 * z)) * policy
                    * (1 + (0.6 * o.VariantShare[(s * days) + t])) * (1 + (0.12 * Math.Cos(2 * Math.PI * (t + 30) / 365.0)));
                double nb = o.Neighbours[c].Average(d => o.Infectious[(d * days) + t - 1] / (double)o.Counties[d].Population);
                double own = o.Infectious[(c * days) + t - 1] / (double)info.Population;
                double p = 1 - Math.Exp(-beta * (((1 - coupling) * own) + (coupling * nb)));
                double imports = (t < 40 ? 0.15 : 0.01) * Math.Pow(info.Population / 1e5, 0.7);
                int susceptible = o.Susceptible[(c * days) + t - 1];
                int i = (c * days) + t;
                observed += o.Exposed[i] - o.Exposed[i - 1] + o.TrueIncidence[i];
                expected += (susceptible * p) + imports;
                variance += (susceptible * p * (1 - p)) + imports;
                used++;
            }
        }

        // Imports are capped at S - newE, which never binds here (S is in the thousands); 5 standard errors.
        double zScore = (observed - expected) / Math.Sqrt(variance);
        Assert.True(expected > 1e4, $"only {expected} expected infections over {used} county-days");
        Assert.True(Math.Abs(zScore) < 5, $"observed {observed} infections, expected {expected:F0} (z = {zScore:F2}, {used} county-days)");
    }
}
