using SciTransfer.FuelMoisture.Physics;

namespace SciTransfer.FuelMoisture.Weather;

/// <summary>
/// A continuous hourly weather series of one station. Index t is the hour starting at
/// <see cref="StartUtc"/> + t hours. Units: temperature K, relative humidity %, rain mm/h (the
/// accumulation over the hour), solar radiation W/m2 (downward shortwave), wind m/s.
/// </summary>
public sealed class HourlyWeather
{
    /// <summary>Wraps the arrays (all of the same length, at least one hour); they must not be modified afterwards.</summary>
    public HourlyWeather(StationInfo station, DateTime startUtc, double[] temperatureK, double[] relativeHumidity, double[] rain, double[] solar, double[] wind)
    {
        ArgumentNullException.ThrowIfNull(station);
        int n = temperatureK.Length;
        if (n == 0 || relativeHumidity.Length != n || rain.Length != n || solar.Length != n || wind.Length != n)
        {
            throw new ArgumentException($"HourlyWeather({station.Id}): series lengths differ or are empty (T {n}, RH {relativeHumidity.Length}, rain {rain.Length}, solar {solar.Length}, wind {wind.Length}).");
        }

        Station = station;
        StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
        TemperatureK = temperatureK;
        RelativeHumidity = relativeHumidity;
        Rain = rain;
        Solar = solar;
        Wind = wind;
    }

    /// <summary>The station.</summary>
    public StationInfo Station { get; }

    /// <summary>Start of hour 0 (UTC).</summary>
    public DateTime StartUtc { get; }

    /// <summary>Hours in the series.</summary>
    public int Length => TemperatureK.Length;

    /// <summary>Air temperature, K.</summary>
    public double[] TemperatureK { get; }

    /// <summary>Relative humidity, % in [0, 100].</summary>
    public double[] RelativeHumidity { get; }

    /// <summary>Rain over the hour, mm/h.</summary>
    public double[] Rain { get; }

    /// <summary>Downward shortwave radiation, W/m2.</summary>
    public double[] Solar { get; }

    /// <summary>Wind speed, m/s.</summary>
    public double[] Wind { get; }

    /// <summary>Time of hour <paramref name="t"/> (UTC).</summary>
    public DateTime TimeOf(int t) => StartUtc.AddHours(t);

    /// <summary>Local solar hour of day in [0, 24) of hour <paramref name="t"/> (UTC hour + longitude/15).</summary>
    public double LocalHour(int t)
    {
        double h = TimeOf(t).Hour + (Station.Longitude / 15.0);
        h %= 24.0;
        return h < 0 ? h + 24.0 : h;
    }

    /// <summary>Day of year (1..366) of hour <paramref name="t"/> (UTC).</summary>
    public int DayOfYear(int t) => TimeOf(t).DayOfYear;

    /// <summary>Drying and wetting equilibria, in %, with drying coefficient <paramref name="dryingCoefficient"/>.</summary>
    public (double[] Ed, double[] Ew) Equilibria(double dryingCoefficient)
    {
        var ed = new double[Length];
        var ew = new double[Length];
        EquilibriumMoisture.Compute(RelativeHumidity, TemperatureK, dryingCoefficient, ed, ew);
        return (ed, ew);
    }

    /// <summary>A copy of hours [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    public HourlyWeather Slice(int start, int length) => new(
        Station,
        TimeOf(start),
        TemperatureK.AsSpan(start, length).ToArray(),
        RelativeHumidity.AsSpan(start, length).ToArray(),
        Rain.AsSpan(start, length).ToArray(),
        Solar.AsSpan(start, length).ToArray(),
        Wind.AsSpan(start, length).ToArray());
}
