using SciTransfer.FuelMoisture.Weather;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// Hourly weather of several stations plus fuel moisture observations per fuel class
/// (class time lag in hours -> observations whose <see cref="FuelObservation.Station"/> indexes <see cref="Stations"/>),
/// and the loaders' warnings (values accepted but doubtful: clipped humidity, rounded times, 0.0 % weighings).
/// </summary>
public sealed record FuelDataSet(IReadOnlyList<HourlyWeather> Stations, IReadOnlyDictionary<int, IReadOnlyList<FuelObservation>> Observations, IReadOnlyList<string>? Warnings = null);
