using SciTransfer.FuelMoisture.Weather;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// The 10 hourly inputs of the published 10-h model, in this order: Ed (%), Ew (%), solar (W/m2),
/// wind (m/s), elevation (m), lon (deg), lat (deg), rain (mm/h), hour of day (local solar, 0..24),
/// day of year (1..366). Raw (unstandardised) values; <see cref="FeatureScaler"/> standardises them.
/// </summary>
public static class Features
{
    /// <summary>Number of inputs.</summary>
    public const int Count = 10;

    /// <summary>Feature names, for docs and messages.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Ed", "Ew", "solar", "wind", "elevation", "lon", "lat", "rain", "hour", "doy"];

    /// <summary>Raw features of hours [from, from + length) of <paramref name="weather"/>, [length, 10].</summary>
    public static double[] Build(HourlyWeather weather, double dryingCoefficient, int from, int length)
    {
        ArgumentNullException.ThrowIfNull(weather);
        var (ed, ew) = weather.Equilibria(dryingCoefficient);
        var f = new double[length * Count];
        var s = weather.Station;
        for (int q = 0; q < length; q++)
        {
            int t = from + q;
            var row = f.AsSpan(q * Count, Count);
            row[0] = ed[t];
            row[1] = ew[t];
            row[2] = weather.Solar[t];
            row[3] = weather.Wind[t];
            row[4] = s.ElevationMeters;
            row[5] = s.Longitude;
            row[6] = s.Latitude;
            row[7] = weather.Rain[t];
            row[8] = weather.LocalHour(t);
            row[9] = weather.DayOfYear(t);
        }

        return f;
    }
}
