namespace SciTransfer.FuelMoisture.Physics;

/// <summary>Dead-fuel size classes by time lag: the e-folding time of the moisture response, in hours.</summary>
public static class FuelClass
{
    /// <summary>The four standard classes, in hours.</summary>
    public static IReadOnlyList<int> All { get; } = [1, 10, 100, 1000];

    /// <summary>Name used in problem names and file names, e.g. "10h".</summary>
    public static string Name(int hours) => hours.ToString(System.Globalization.CultureInfo.InvariantCulture) + "h";

    /// <summary>Parses "10h" (or "10") into 10; returns false for other text.</summary>
    public static bool TryParse(string text, out int hours)
    {
        string s = text.EndsWith('h') ? text[..^1] : text;
        return int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out hours) && All.Contains(hours);
    }
}
