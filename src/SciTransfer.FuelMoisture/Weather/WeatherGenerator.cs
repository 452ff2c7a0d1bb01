using SciTransfer.Core.Random;

namespace SciTransfer.FuelMoisture.Weather;

/// <summary>
/// A stochastic hourly weather generator for mid-latitude stations, built so that the fuel-moisture
/// equilibria and rain have realistic cycles and intermittency:
/// - temperature: annual mean from latitude and a 6.5 K/km lapse rate, a seasonal cosine peaking near
///   day 200, a diurnal cosine peaking at 15:00 local solar time damped by cloud, and a synoptic AR(1)
///   anomaly (3-day memory, 3.5 K);
/// - humidity: a dew point that follows the daily-mean temperature minus a dew-point depression (drier
///   climates deeper, with its own 2-day AR(1) anomaly), so RH has the observed inverse diurnal cycle;
///   RH is raised toward saturation in rain;
/// - rain: events start at a seasonal rate, last a geometric number of hours (mean 7), have a gamma
///   distributed event intensity (mean 1.2 mm/h) and intermittent wet hours inside the event;
/// - solar: clear-sky radiation from the sun's elevation (declination and hour angle), reduced by cloud
///   (Kasten-Czeplak); cloud is a logistic AR(1) that closes in rain;
/// - wind: a log-normal AR(1) with an afternoon maximum and gusts in rain.
/// All randomness comes from the <see cref="Rng"/> argument.
/// </summary>
public static class WeatherGenerator
{
    /// <summary>A station drawn at random from the western-US box the generator is tuned for.</summary>
    public static StationInfo RandomStation(string id, Rng rng) => new(
        id,
        Math.Round(rng.Uniform(32.0, 46.0), 4),
        Math.Round(rng.Uniform(-122.0, -100.0), 4),
        Math.Round(rng.Uniform(100.0, 2500.0), 1));

    /// <summary>Generates <paramref name="hours"/> hours of weather for <paramref name="station"/> starting at <paramref name="startUtc"/>.</summary>
    public static HourlyWeather Generate(StationInfo station, DateTime startUtc, int hours, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);

        // Climate of the station: dryness in [0, 1] deepens the dew-point depression, widens the diurnal
        // range and thins the rain.
        double dryness = rng.Uniform(0.2, 1.0);
        double annualMeanK = 290.5 - (0.55 * (station.Latitude - 35.0)) - (0.0065 * station.ElevationMeters);
        double seasonalAmplitude = 7.0 + (0.25 * (station.Latitude - 32.0));
        double diurnalAmplitude = 4.5 + (5.0 * dryness);
        double meanDepression = 3.0 + (11.0 * dryness);
        double eventsPerDay = 0.32 - (0.22 * dryness);
        double meanCloudLogit = -1.0 - (0.8 * dryness); // drier stations are clearer

        var t = new double[hours];
        var rh = new double[hours];
        var rain = new double[hours];
        var solar = new double[hours];
        var wind = new double[hours];

        double phiT = Math.Exp(-1.0 / 72.0), synopticT = rng.Normal(0, 3.5);
        double phiD = Math.Exp(-1.0 / 48.0), depressionAnomaly = rng.Normal(0, 3.0);
        double phiC = Math.Exp(-1.0 / 18.0), cloudLogit = rng.Normal(-1.0, 1.5);
        double phiW = Math.Exp(-1.0 / 12.0), logWind = rng.Normal(0, 0.5);
        int eventHoursLeft = 0;
        double eventIntensity = 0;
        double wetness = 0; // decays after rain: keeps the air moist for a while

        double latRad = station.Latitude * Math.PI / 180.0;
        for (int i = 0; i < hours; i++)
        {
            DateTime time = startUtc.AddHours(i);
            int doy = time.DayOfYear;
            double localHour = time.Hour + 0.5 + (station.Longitude / 15.0);
            localHour = ((localHour % 24.0) + 24.0) % 24.0;
            double season = Math.Cos(2.0 * Math.PI * (doy - 200) / 365.25);

            synopticT = (phiT * synopticT) + (3.5 * Math.Sqrt(1 - (phiT * phiT)) * rng.Normal());
            depressionAnomaly = (phiD * depressionAnomaly) + (3.0 * Math.Sqrt(1 - (phiD * phiD)) * rng.Normal());
            cloudLogit = (phiC * cloudLogit) + ((1 - phiC) * meanCloudLogit) + (1.5 * Math.Sqrt(1 - (phiC * phiC)) * rng.Normal());
            logWind = (phiW * logWind) + (0.5 * Math.Sqrt(1 - (phiW * phiW)) * rng.Normal());

            // Rain events: more frequent in the cool season (winter storms), intermittent within.
            if (eventHoursLeft == 0)
            {
                double rate = eventsPerDay * (1.0 - (0.5 * season)) / 24.0;
                if (rng.NextDouble() < rate)
                {
                    eventHoursLeft = 1 + (int)Math.Floor(Math.Log(1.0 - rng.NextDouble()) / Math.Log(1.0 - (1.0 / 7.0)));
                    eventIntensity = Gamma(0.8, 1.2 / 0.8, rng);
                }
            }

            double r = 0;
            if (eventHoursLeft > 0)
            {
                eventHoursLeft--;
                if (rng.NextDouble() < 0.75)
                {
                    r = Math.Round(eventIntensity * -Math.Log(1.0 - rng.NextDouble()), 2);
                }
            }

            rain[i] = r;
            bool raining = eventHoursLeft > 0 || r > 0;
            wetness = raining ? 1.0 : wetness * Math.Exp(-1.0 / 12.0);
            double cloud = 1.0 / (1.0 + Math.Exp(-cloudLogit));
            if (raining)
            {
                cloud = Math.Max(cloud, 0.9);
            }

            double dailyMean = annualMeanK + (seasonalAmplitude * season) + synopticT;
            double temperature = dailyMean + (diurnalAmplitude * (1.0 - (0.6 * cloud)) * Math.Cos(2.0 * Math.PI * (localHour - 15.0) / 24.0));
            double depression = Math.Max(0.5, (meanDepression + depressionAnomaly) * (1.0 - (0.8 * wetness)));
            double dewPointC = dailyMean - 273.15 - depression;
            double relativeHumidity = 100.0 * SaturationVapourPressure(dewPointC) / SaturationVapourPressure(temperature - 273.15);
            if (raining)
            {
                relativeHumidity = Math.Max(relativeHumidity, 88.0 + (12.0 * rng.NextDouble()));
            }

            t[i] = Math.Round(temperature, 2);
            rh[i] = Math.Round(Math.Clamp(relativeHumidity, 3.0, 100.0), 2);

            double declination = 23.44 * Math.PI / 180.0 * Math.Sin(2.0 * Math.PI * (284 + doy) / 365.0);
            double hourAngle = (localHour - 12.0) * 15.0 * Math.PI / 180.0;
            double sinElevation = (Math.Sin(latRad) * Math.Sin(declination)) + (Math.Cos(latRad) * Math.Cos(declination) * Math.Cos(hourAngle));
            double clearSky = Math.Max(0.0, (910.0 * sinElevation) - 30.0);
            solar[i] = Math.Round(clearSky * (1.0 - (0.75 * Math.Pow(cloud, 3.4))), 1);

            double diurnalWind = 1.0 + (0.35 * Math.Cos(2.0 * Math.PI * (localHour - 15.0) / 24.0));
            wind[i] = Math.Round(2.6 * Math.Exp(logWind) * diurnalWind * (raining ? 1.4 : 1.0), 2);
        }

        return new HourlyWeather(station, startUtc, t, rh, rain, solar, wind);
    }

    /// <summary>Saturation vapour pressure over water (Magnus), hPa, at <paramref name="celsius"/>.</summary>
    private static double SaturationVapourPressure(double celsius) => 6.112 * Math.Exp(17.62 * celsius / (243.12 + celsius));

    /// <summary>Gamma(shape, scale) draw (Marsaglia-Tsang; shape &lt; 1 by the boost u^(1/shape)).</summary>
    private static double Gamma(double shape, double scale, Rng rng)
    {
        if (shape < 1.0)
        {
            double u = rng.NextDouble();
            return Gamma(shape + 1.0, scale, rng) * Math.Pow(u, 1.0 / shape);
        }

        double d = shape - (1.0 / 3.0);
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x = rng.Normal();
            double v = 1.0 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = rng.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v * scale;
            }
        }
    }
}
