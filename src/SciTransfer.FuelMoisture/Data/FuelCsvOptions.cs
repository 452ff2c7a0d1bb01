namespace SciTransfer.FuelMoisture.Data;

/// <summary>What the observation loader does with a time that is not on the hour (a weighing at 05:37).</summary>
public enum ObservationTimePolicy
{
    /// <summary>Round to the nearest hour (05:30 goes up); counted in a warning. The default.</summary>
    NearestHour,

    /// <summary>A <see cref="Transfer.Errors.DataFormatException"/> naming the row.</summary>
    Error,
}

/// <summary>What the weather loader does with relative humidity above 100 % (sensors read 101-105 % in fog and after rain).</summary>
public enum HumidityAbove100Policy
{
    /// <summary>Clip to 100 % (values up to <see cref="FuelCsvOptions.MaxClippedHumidity"/>); counted in a warning. The default.</summary>
    Clip,

    /// <summary>A <see cref="Transfer.Errors.DataFormatException"/> naming the row.</summary>
    Error,
}

/// <summary>How the real-data loaders treat messy records (problem options <c>observation_time</c> and <c>rh_above_100</c>).</summary>
/// <param name="ObservationTime">Observation times off the hour.</param>
/// <param name="HumidityAbove100">Relative humidity above 100 %.</param>
public sealed record FuelCsvOptions(ObservationTimePolicy ObservationTime = ObservationTimePolicy.NearestHour, HumidityAbove100Policy HumidityAbove100 = HumidityAbove100Policy.Clip)
{
    /// <summary>Above this RH (%) a value is an error even with clipping: no sensor reads that, the column is something else.</summary>
    public const double MaxClippedHumidity = 110;

    /// <summary>The defaults: round observation times, clip RH.</summary>
    public static FuelCsvOptions Default { get; } = new();

    /// <summary>Config text of a policy ("nearest-hour", "error", "clip").</summary>
    public static string Name(ObservationTimePolicy p) => p == ObservationTimePolicy.NearestHour ? "nearest-hour" : "error";

    /// <summary>Config text of a policy.</summary>
    public static string Name(HumidityAbove100Policy p) => p == HumidityAbove100Policy.Clip ? "clip" : "error";
}
