using System.Globalization;
using System.Text;
using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Simulation;

namespace SciTransfer.Epidemiology.Data;

/// <summary>
/// The shipped example (datasets/epidemiology/): a simulated outbreak over 36 counties of one Colorado-like state for
/// 240 days, written in the NYT layout with a covariates and a population file. Nothing in it is measured; the county
/// names and FIPS codes are made up (08001, 08003, ...). So that the loader's rules show, the cases file also holds a
/// few "Unknown" rows without FIPS (skipped by default) and one over-report corrected the next day (a negative
/// increment). A test regenerates the files and checks they are byte-identical to the shipped ones.
/// </summary>
public static class ExampleCounties
{
    /// <summary>Files written, in the folder given to <see cref="Write"/>.</summary>
    public static readonly string[] FileNames = ["us-counties-example.csv", "covariates.csv", "population.csv"];

    /// <summary>The state name written in the cases file.</summary>
    public const string State = "Colorado";

    /// <summary>Seed of the simulation.</summary>
    public const ulong Seed = 20261121;

    /// <summary>Writes the three files into <paramref name="folder"/> (created if needed).</summary>
    public static void Write(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var o = OutbreakSimulator.Simulate(new SimulatorOptions { Counties = 36, Days = 240, States = 1 }, new SeedTree(Seed).Child("example-counties"));
        int days = o.Days;
        string Fips(int c) => "08" + o.Counties[c].Fips[2..]; // the simulator numbers its one state 01
        string Name(int c) => o.Counties[c].Name;

        // One county over-reports by 40 on day 150 and the next day's total is the true one (a NYT-style correction).
        const int correctedCounty = 5, correctedDay = 150;
        var cases = new StringBuilder("date,county,state,fips,cases,deaths\n");
        var order = Enumerable.Range(0, o.Counties.Count).OrderBy(Fips, StringComparer.Ordinal).ToArray();
        for (int t = 0; t < days; t++)
        {
            string date = o.DateOf(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (int c in order)
            {
                long n = o.CumulativeCases[(c * days) + t];
                if (n <= 0)
                {
                    continue;
                }

                n += c == correctedCounty && t == correctedDay ? 40 : 0;
                cases.Append(CultureInfo.InvariantCulture, $"{date},{Name(c)},{State},{Fips(c)},{n},{o.CumulativeDeaths[(c * days) + t]}\n");
            }

            if (t >= 40 && t % 10 == 0)
            {
                // Cases the state could not place in a county: NYT "Unknown" rows have an empty fips.
                cases.Append(CultureInfo.InvariantCulture, $"{date},Unknown,{State},,{t / 10},0\n");
            }
        }

        var covariates = new StringBuilder("fips,latitude,longitude,log_density,vulnerability\n");
        var population = new StringBuilder("fips,population\n");
        foreach (int c in order)
        {
            var info = o.Counties[c];
            covariates.Append(CultureInfo.InvariantCulture, $"{Fips(c)},{info.Latitude:F4},{info.Longitude:F4},{info.LogDensity:F4},{info.Vulnerability:F4}\n");
            population.Append(CultureInfo.InvariantCulture, $"{Fips(c)},{info.Population}\n");
        }

        File.WriteAllText(Path.Combine(folder, FileNames[0]), cases.ToString());
        File.WriteAllText(Path.Combine(folder, FileNames[1]), covariates.ToString());
        File.WriteAllText(Path.Combine(folder, FileNames[2]), population.ToString());
    }

    /// <summary>
    /// Writes a large synthetic file in the NYT layout (for <c>bench nyt-load</c>): <paramref name="counties"/> counties
    /// over <paramref name="days"/> days, each starting on a random day of the first 60, with cumulative cases of a
    /// noisy logistic curve and an occasional correction. Rows are ordered by date, then FIPS, as in the NYT file.
    /// Returns the number of data rows.
    /// </summary>
    public static long WriteLarge(string path, int counties, int days, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rng = new SeedTree(seed).Child("nyt-large").CreateRng();
        var start = new int[counties];
        var size = new double[counties];
        var mid = new double[counties];
        for (int c = 0; c < counties; c++)
        {
            start[c] = (int)(rng.NextDouble() * 60);
            size[c] = Math.Exp(6 + (4 * rng.NextDouble()));
            mid[c] = 60 + (rng.NextDouble() * (days - 60));
        }

        var first = new DateOnly(2020, 1, 21);
        long rows = 0;
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("date,county,state,fips,cases,deaths\n");
        for (int t = 0; t < days; t++)
        {
            string date = first.AddDays(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (int c = 0; c < counties; c++)
            {
                if (t < start[c])
                {
                    continue;
                }

                double logistic = size[c] / (1 + Math.Exp(-(t - mid[c]) / 12.0));
                long n = 1 + (long)(logistic * (1 + (0.02 * rng.NextDouble())));
                int state = (c / 64) + 1;
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{date},County {c % 64 + 1},State {state},{state:D2}{(2 * (c % 64)) + 1:D3},{n},{n / 80}\n"));
                rows++;
            }
        }

        return rows;
    }
}
