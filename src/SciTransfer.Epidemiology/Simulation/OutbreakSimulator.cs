using SciTransfer.Core.Random;

namespace SciTransfer.Epidemiology.Simulation;

/// <summary>
/// Stochastic metapopulation SEIRS model over counties with daily steps and integer compartments:
/// <code>
///   lambda_c(t) = beta_c(t) [ (1 - m) I_c / N_c + m mean_{d in nb(c)} I_d / N_d ]
///   S -> E ~ Bin(S, 1 - exp(-lambda)) + imports,  E -> I ~ Bin(E, 1 - exp(-sigma)),
///   I -> R ~ Bin(I, 1 - exp(-gamma)),             R -> S ~ Bin(R, 1 - exp(-omega))
///   beta_c(t) = R0 gamma exp(0.6 (v_c - 0.5) + 0.12 z_density) policy(t) (1 + 0.6 variant(t)) (1 + 0.12 cos(2 pi (t + 30) / 365))
/// </code>
/// so S+E+I+R = N holds exactly. New infectious cases are detected with probability testing(t) times a county
/// factor, reported after a 2-6 day delay, and a share of weekend reports slips to the next day;
/// testing noise and occasional 2-6 day reporting backlogs make small counties' series noisy.
/// </summary>
public static class OutbreakSimulator
{
    private static readonly string[] StateNames =
        ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo", "Lima"];

    // Reporting delay (days) distribution after detection.
    private static readonly int[] DelayDays = [2, 3, 4, 5, 6];
    private static readonly double[] DelayProb = [0.2, 0.3, 0.25, 0.15, 0.1];

    /// <summary>Runs the simulator; all randomness comes from children of <paramref name="seeds"/>.</summary>
    public static SimulatedOutbreak Simulate(SimulatorOptions options, SeedTree seeds)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(seeds);
        options.Validate();
        int nc = options.Counties, days = options.Days, ns = options.States;

        var counties = MakeCounties(options, seeds.Child("counties").CreateRng());
        int[][] neighbours = NearestNeighbours(counties, options.Neighbours);

        // State-level policy timing, testing ramp and variant arrival.
        var prng = seeds.Child("policies").CreateRng();
        int np = SimulatedOutbreak.PolicyNames.Count;
        var policyStart = new int[ns * np];
        var stayEnd = new int[ns];
        var testing = new double[ns * days];
        var variant = new double[ns * days];
        for (int s = 0; s < ns; s++)
        {
            policyStart[(s * np) + 0] = 12 + prng.NextInt(18);
            stayEnd[s] = policyStart[s * np] + 40 + prng.NextInt(40);
            policyStart[(s * np) + 1] = 90 + prng.NextInt(70);
            policyStart[(s * np) + 2] = 160 + prng.NextInt(60);
            double testHalf = 50 + prng.NextInt(50);
            double variantMid = 230 + prng.Normal(0, 12);
            for (int t = 0; t < days; t++)
            {
                testing[(s * days) + t] = 0.08 + (0.42 / (1 + Math.Exp(-(t - testHalf) / 18.0)));
                variant[(s * days) + t] = 1 / (1 + Math.Exp(-(t - variantMid) / 12.0));
            }
        }

        double meanLogDensity = counties.Average(c => c.LogDensity);
        double sdLogDensity = Math.Sqrt(counties.Average(c => (c.LogDensity - meanLogDensity) * (c.LogDensity - meanLogDensity))) + 1e-12;

        var sArr = new int[nc * days];
        var eArr = new int[nc * days];
        var iArr = new int[nc * days];
        var rArr = new int[nc * days];
        var incidence = new int[nc * days];
        var reportedDaily = new long[nc * (days + 8)];
        var deathsDaily = new long[nc * (days + 30)];
        var cur = new (int S, int E, int I, int R)[nc];
        for (int c = 0; c < nc; c++)
        {
            cur[c] = (counties[c].Population, 0, 0, 0);
        }

        var trng = seeds.Child("transmission").CreateRng();
        var rrng = seeds.Child("reporting").CreateRng();
        var prev = new double[nc];
        var backlog = new int[nc];
        double pE = 1 - Math.Exp(-options.Sigma), pR = 1 - Math.Exp(-options.Gamma), pW = 1 - Math.Exp(-options.Omega);
        for (int t = 0; t < days; t++)
        {
            for (int c = 0; c < nc; c++)
            {
                prev[c] = cur[c].I / (double)counties[c].Population;
            }

            double season = 1 + (0.12 * Math.Cos(2 * Math.PI * (t + 30) / 365.0));
            for (int c = 0; c < nc; c++)
            {
                var info = counties[c];
                int s = info.StateIndex;
                double policy = 1.0;
                int stay = policyStart[s * np];
                if (t >= stay && t < stayEnd[s])
                {
                    policy *= 0.5;
                }

                if (t >= policyStart[(s * np) + 1])
                {
                    policy *= 1 - (0.25 * Math.Min(1, (t - policyStart[(s * np) + 1]) / 14.0));
                }

                if (t >= policyStart[(s * np) + 2])
                {
                    policy *= 1.3;
                }

                double zDensity = (info.LogDensity - meanLogDensity) / sdLogDensity;
                double beta = options.R0 * options.Gamma * Math.Exp((0.6 * (info.Vulnerability - 0.5)) + (0.12 * zDensity))
                    * policy * (1 + (0.6 * variant[(s * days) + t])) * season;
                double nbPrev = 0;
                foreach (int d in neighbours[c])
                {
                    nbPrev += prev[d];
                }

                nbPrev /= neighbours[c].Length;
                double lambda = beta * (((1 - options.Coupling) * prev[c]) + (options.Coupling * nbPrev));
                var (S, E, I, R) = cur[c];

                // Importations: seeding early, a trickle later (travel), scaled sublinearly with size.
                double importRate = (t < 40 ? 0.15 : 0.01) * Math.Pow(info.Population / 1e5, 0.7);
                int newE = Sampling.Binomial(trng, S, 1 - Math.Exp(-lambda));
                newE += Math.Min(S - newE, Sampling.Poisson(trng, importRate));
                int newI = Sampling.Binomial(trng, E, pE);
                int newR = Sampling.Binomial(trng, I, pR);
                int newS = Sampling.Binomial(trng, R, pW);
                S += newS - newE;
                E += newE - newI;
                I += newI - newR;
                R += newR - newS;
                cur[c] = (S, E, I, R);
                int idx = (c * days) + t;
                sArr[idx] = S;
                eArr[idx] = E;
                iArr[idx] = I;
                rArr[idx] = R;
                incidence[idx] = newI;

                // Detection and reporting delay.
                // Day-to-day testing noise (log-normal, sd 0.35) makes ascertainment overdispersed.
                double detect = Math.Min(0.95, testing[(s * days) + t] * info.ReportingFactor * Math.Exp(rrng.Normal(-0.06, 0.35)));
                int detected = Sampling.Binomial(rrng, newI, detect);
                int left = detected;
                double massLeft = 1.0;
                for (int k = 0; k < DelayDays.Length && left > 0; k++)
                {
                    int take = k == DelayDays.Length - 1 ? left : Sampling.Binomial(rrng, left, DelayProb[k] / massLeft);
                    massLeft -= DelayProb[k];
                    left -= take;
                    reportedDaily[(c * (days + 8)) + t + DelayDays[k]] += take;
                }
            }

            // Weekend effect on what is due today: a share slips to tomorrow.
            var weekday = options.StartDate.AddDays(t).DayOfWeek;
            double hold = weekday switch { DayOfWeek.Saturday => 0.35, DayOfWeek.Sunday => 0.5, _ => 0.03 };
            for (int c = 0; c < nc; c++)
            {
                int at = (c * (days + 8)) + t;
                long due = reportedDaily[at];

                // Occasional reporting backlogs: a county holds everything for 2-6 days, then reports it at once.
                if (backlog[c] == 0 && rrng.NextDouble() < 0.02)
                {
                    backlog[c] = 2 + rrng.NextInt(5);
                }

                double holdHere = backlog[c] > 0 ? 1.0 : hold;
                if (backlog[c] > 0)
                {
                    backlog[c]--;
                }

                int held = Sampling.Binomial(rrng, (int)Math.Min(int.MaxValue, due), holdHere);
                reportedDaily[at] = due - held;
                reportedDaily[at + 1] += held;
                int dead = Sampling.Binomial(rrng, (int)Math.Min(int.MaxValue, due - held), options.CaseFatality);
                deathsDaily[(c * (days + 30)) + t + 14 + rrng.NextInt(8)] += dead;
            }
        }

        var cumCases = new long[nc * days];
        var cumDeaths = new long[nc * days];
        for (int c = 0; c < nc; c++)
        {
            long cc = 0, cd = 0;
            for (int t = 0; t < days; t++)
            {
                cc += reportedDaily[(c * (days + 8)) + t];
                cd += deathsDaily[(c * (days + 30)) + t];
                cumCases[(c * days) + t] = cc;
                cumDeaths[(c * days) + t] = Math.Min(cd, cc);
            }
        }

        double[] growth = TrueGrowthRates(incidence, nc, days);
        return new SimulatedOutbreak(options, counties, neighbours, policyStart, testing, variant, sArr, eArr, iArr, rArr, incidence, cumCases, cumDeaths, growth);
    }

    /// <summary>r(t) = (ln A(t+7) - ln A(t)) / 7, A the 7-day trailing mean of 22-day active true infections.</summary>
    private static double[] TrueGrowthRates(int[] incidence, int nc, int days)
    {
        var growth = new double[nc * days];
        Array.Fill(growth, double.NaN);
        var cum = new double[days];
        var active = new double[days];
        var rolled = new double[days];
        for (int c = 0; c < nc; c++)
        {
            double acc = 0;
            for (int t = 0; t < days; t++)
            {
                acc += incidence[(c * days) + t];
                cum[t] = acc;
                active[t] = cum[t] - (t >= 22 ? cum[t - 22] : 0);
            }

            GrowthPipeline.RollingMean(active, 7, rolled);
            for (int t = 0; t + 7 < days; t++)
            {
                if (rolled[t] > 0 && rolled[t + 7] > 0 && !double.IsNaN(rolled[t]))
                {
                    growth[(c * days) + t] = (Math.Log(rolled[t + 7]) - Math.Log(rolled[t])) / 7.0;
                }
            }
        }

        return growth;
    }

    private static List<CountyInfo> MakeCounties(SimulatorOptions options, Rng rng)
    {
        int ns = options.States;
        var centres = new (double Lat, double Lon)[ns];
        for (int s = 0; s < ns; s++)
        {
            centres[s] = (rng.Uniform(30, 47), rng.Uniform(-118, -78));
        }

        var perState = new int[ns];
        var list = new List<CountyInfo>(options.Counties);
        for (int c = 0; c < options.Counties; c++)
        {
            int s = c < ns ? c : rng.NextInt(ns);
            perState[s]++;
            int pop = (int)Math.Clamp(Math.Round(options.MedianPopulation * Math.Exp(options.PopulationLogSd * rng.Normal())), 1000, 5_000_000);
            double lat = centres[s].Lat + rng.Normal(0, 1.2);
            double lon = centres[s].Lon + rng.Normal(0, 1.5);
            double area = Math.Exp(rng.Normal(6.8, 0.6));
            double vulnerability = 1 / (1 + Math.Exp(-rng.Normal()));
            double reporting = Math.Exp(rng.Normal(0, 0.2));
            string fips = (((s + 1) * 1000) + ((2 * perState[s]) - 1)).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            string stateName = s < StateNames.Length ? StateNames[s] : "State " + (s + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            list.Add(new CountyInfo(fips, $"County {perState[s]}", stateName, s, pop, lat, lon, Math.Log(pop / area), vulnerability, reporting));
        }

        return list;
    }

    private static int[][] NearestNeighbours(List<CountyInfo> counties, int k)
    {
        int n = counties.Count;
        var result = new int[n][];
        var dist = new double[n];
        var idx = new int[n];
        for (int c = 0; c < n; c++)
        {
            for (int d = 0; d < n; d++)
            {
                double dl = counties[c].Latitude - counties[d].Latitude, dn = counties[c].Longitude - counties[d].Longitude;
                dist[d] = d == c ? double.PositiveInfinity : (dl * dl) + (dn * dn);
                idx[d] = d;
            }

            Array.Sort(dist, idx);
            result[c] = idx.AsSpan(0, k).ToArray();
        }

        return result;
    }
}
