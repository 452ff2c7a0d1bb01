namespace SciTransfer.HeatSink.Pinn;

/// <summary>Temperature observations: points (N x 2 row-major, units of l) and theta at each.</summary>
/// <param name="Points">Sensor positions.</param>
/// <param name="Theta">Observed non-dimensional temperatures.</param>
public sealed record SensorData(double[] Points, double[] Theta)
{
    /// <summary>No observations.</summary>
    public static SensorData Empty { get; } = new([], []);

    /// <summary>Number of sensors.</summary>
    public int Count => Theta.Length;
}
