using SciTransfer.FuelMoisture.Weather;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// Hourly weather of several stations plus fuel moisture observations per fuel class
/// (class time lag in hours -> observations whose <see cref="FuelObservation.Station"/> indexes <see cref="Stations"/>).
/// </summary>
public sealed record FuelDataSet(IReadOnlyList<HourlyWeather> Stations, IReadOnlyDictionary<int, IReadOnlyList<FuelObservation>> Observations);
