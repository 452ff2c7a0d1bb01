using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Weather;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// Synthetic fuel moisture "truth" and observations: the time-lag model run from the first hour of a
/// weather series (which must include the spin-up), then hourly sensor readings or sparse weighings.
/// </summary>
public static class ObservationGenerator
{
    /// <summary>
    /// True moisture (%) of a fuel class at the end of every hour of <paramref name="weather"/>, started at the
    /// mid-point of the first hour's equilibria. Start the series well before any hour that is used:
    /// a 1000-h fuel forgets its start only after thousands of hours.
    /// </summary>
    public static double[] TrueMoisture(HourlyWeather weather, TimeLagModel model, double dryingCoefficient)
    {
        ArgumentNullException.ThrowIfNull(weather);
        ArgumentNullException.ThrowIfNull(model);
        var (ed, ew) = weather.Equilibria(dryingCoefficient);
        var m = new double[weather.Length];
        model.Run(0.5 * (ed[0] + ew[0]), ed, ew, weather.Rain, m);
        return m;
    }

    /// <summary>
    /// Hourly sensor readings of station <paramref name="station"/> over hours [from, to): truth plus Gaussian
    /// noise of <paramref name="noiseSd"/> % (clipped at 0); each hour is missing with probability
    /// <paramref name="gapProbability"/>.
    /// </summary>
    public static List<FuelObservation> Hourly(int station, ReadOnlySpan<double> truth, int from, int to, double noiseSd, double gapProbability, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var list = new List<FuelObservation>(to - from);
        for (int t = from; t < to; t++)
        {
            double noise = rng.Normal(0, noiseSd);
            if (rng.NextDouble() < gapProbability)
            {
                continue;
            }

            list.Add(new FuelObservation(station, t, Math.Max(0.0, truth[t] + noise)));
        }

        return list;
    }

    /// <summary>
    /// Weighings of station <paramref name="station"/> over hours [from, to): one in each hour whose local
    /// solar time starts at one of <paramref name="localHours"/> (08 and 14 for twice-daily weighing of sticks),
    /// truth plus noise of sd = <paramref name="absoluteSd"/> + <paramref name="relativeSd"/> * truth (a wetter stick
    /// weighs less precisely in % terms), clipped at 0.
    /// </summary>
    public static List<FuelObservation> Weighings(int station, HourlyWeather weather, ReadOnlySpan<double> truth, int from, int to, IReadOnlyCollection<int> localHours, double absoluteSd, double relativeSd, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(weather);
        ArgumentNullException.ThrowIfNull(localHours);
        ArgumentNullException.ThrowIfNull(rng);
        var list = new List<FuelObservation>();
        for (int t = from; t < to; t++)
        {
            if (!localHours.Contains((int)Math.Floor(weather.LocalHour(t))))
            {
                continue;
            }

            double sd = absoluteSd + (relativeSd * truth[t]);
            list.Add(new FuelObservation(station, t, Math.Max(0.0, truth[t] + rng.Normal(0, sd))));
        }

        return list;
    }
}
