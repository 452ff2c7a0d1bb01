namespace SciTransfer.FuelMoisture.Weather;

/// <summary>A weather station: identifier, latitude and longitude in degrees, elevation in m.</summary>
public sealed record StationInfo(string Id, double Latitude, double Longitude, double ElevationMeters);
