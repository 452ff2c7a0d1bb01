namespace SciTransfer.FuelMoisture.Data;

/// <summary>One fuel moisture observation: station index, hour index into that station's weather, value in %.</summary>
public readonly record struct FuelObservation(int Station, int Hour, double Value);
