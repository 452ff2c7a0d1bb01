using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Data;
using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology.Tests;

public class SimulatorTests
{
    private static readonly SimulatorOptions Small = new() { Counties = 40, Days = 160, States = 4 };

    [Fact]
    public void Compartments_sum_to_the_county_population_every_day()
    {
        var o = OutbreakSimulator.Simulate(Small, new SeedTree(1));
        for (int c = 0; c < o.Counties.Count; c++)
        {
            for (int t = 0; t < o.Days; t++)
            {
                int i = (c * o.Days) + t;
                Assert.True(o.Susceptible[i] >= 0 && o.Exposed[i] >= 0 && o.Infectious[i] >= 0 && o.Recovered[i] >= 0);
                Assert.Equal(o.Counties[c].Population, o.Susceptible[i] + o.Exposed[i] + o.Infectious[i] + o.Recovered[i]);
            }
        }
    }

    [Fact]
    public void The_same_seed_reproduces_the_outbreak_and_another_seed_changes_it()
    {
        var a = OutbreakSimulator.Simulate(Small, new SeedTree(5));
        var b = OutbreakSimulator.Simulate(Small, new SeedTree(5));
        var c = OutbreakSimulator.Simulate(Small, new SeedTree(6));
        Assert.Equal(a.CumulativeCases, b.CumulativeCases);
        Assert.Equal(a.TrueGrowth, b.TrueGrowth);
        Assert.Equal(a.Counties, b.Counties);
        Assert.NotEqual(a.CumulativeCases, c.CumulativeCases);
    }

    [Fact]
    public void Reported_cases_are_cumulative_and_never_exceed_true_infections()
    {
        var o = OutbreakSimulator.Simulate(Small, new SeedTree(2));
        long totalReported = 0;
        for (int c = 0; c < o.Counties.Count; c++)
        {
            long trueCum = 0;
            for (int t = 0; t < o.Days; t++)
            {
                int i = (c * o.Days) + t;
                trueCum += o.TrueIncidence[i];
                Assert.True(o.CumulativeCases[i] <= trueCum);
                Assert.True(o.CumulativeDeaths[i] <= o.CumulativeCases[i]);
                if (t > 0)
                {
                    Assert.True(o.CumulativeCases[i] >= o.CumulativeCases[i - 1]);
                }
            }

            totalReported += o.CumulativeCases[((c + 1) * o.Days) - 1];
        }

        Assert.True(totalReported > 0, "the outbreak must produce reported cases");
    }

    [Fact]
    public void True_growth_is_the_log_slope_of_the_rolled_true_active_infections()
    {
        var o = OutbreakSimulator.Simulate(Small, new SeedTree(3));
        int c = Enumerable.Range(0, o.Counties.Count).MaxBy(k => o.Counties[k].Population);
        int days = o.Days;

        // Independent recomputation from the incidence series.
        var cum = new double[days];
        double acc = 0;
        for (int t = 0; t < days; t++)
        {
            acc += o.TrueIncidence[(c * days) + t];
            cum[t] = acc;
        }

        double Rolled(int t) => Enumerable.Range(t - 6, 7).Average(s => cum[s] - (s >= 22 ? cum[s - 22] : 0));
        int checkedDays = 0;
        for (int t = 40; t + 7 < days; t += 9)
        {
            double g = o.TrueGrowth[(c * days) + t];
            if (double.IsNaN(g))
            {
                continue;
            }

            Assert.Equal((Math.Log(Rolled(t + 7)) - Math.Log(Rolled(t))) / 7, g, 10);
            checkedDays++;
        }

        Assert.True(checkedDays > 5);
    }

    [Fact]
    public void The_nyt_shaped_csv_reads_back_through_the_loader()
    {
        var o = OutbreakSimulator.Simulate(Small, new SeedTree(4));
        var sw = new StringWriter();
        o.WriteNytCsv(sw);
        var data = NytLoader.Read(new StringReader(sw.ToString()), "simulated.csv");
        int seen = 0;
        for (int c = 0; c < o.Counties.Count; c++)
        {
            var county = data.Counties.SingleOrDefault(k => k.Fips == o.Counties[c].Fips);
            if (county is null)
            {
                Assert.Equal(0, o.CumulativeCases[((c + 1) * o.Days) - 1]); // never reported a case: no rows
                continue;
            }

            seen++;
            int offset = data.Start.DayNumber - o.Options.StartDate.DayNumber;
            for (int t = 0; t < data.Days; t++)
            {
                Assert.Equal(o.CumulativeCases[(c * o.Days) + t + offset], county.Cases[t]);
            }
        }

        Assert.True(seen > o.Counties.Count / 2);
        Assert.Equal(0, data.CorrectedDays);
    }

    [Fact]
    public void The_loaded_nyt_panel_gives_the_same_tlrf_series_as_the_simulation()
    {
        var o = OutbreakSimulator.Simulate(Small, new SeedTree(7));
        var sw = new StringWriter();
        o.WriteNytCsv(sw);
        var data = NytLoader.Read(new StringReader(sw.ToString()), "simulated.csv");
        var loaded = data.ToPanel();
        var simulated = CasePanel.FromSimulation(o);
        int offset = data.Start.DayNumber - o.Options.StartDate.DayNumber;
        int compared = 0;
        for (int k = 0; k < data.Counties.Count; k++)
        {
            int c = Enumerable.Range(0, o.Counties.Count).Single(i => o.Counties[i].Fips == data.Counties[k].Fips);
            for (int t = 30; t < data.Days; t++)
            {
                double a = loaded.LogUsable[(k * loaded.Days) + t], b = simulated.LogUsable[(c * simulated.Days) + t + offset];
                Assert.Equal(double.IsNaN(b), double.IsNaN(a));
                if (!double.IsNaN(a))
                {
                    Assert.Equal(b, a, 12);
                    compared++;
                }
            }
        }

        Assert.True(compared > 100);
    }
}
