namespace SciTransfer.HeatSink.Data;

/// <summary>Temperature observations read from a file, in the PINN's non-dimensional variables.</summary>
/// <param name="File">The file they came from.</param>
/// <param name="Points">Positions (x, y) in units of l, N x 2 row-major.</param>
/// <param name="Theta">Non-dimensional temperature rise at each position, length N.</param>
/// <param name="Rows">Physical line of each observation in the file (header = 1), length N.</param>
/// <param name="InKelvin">True when the file gave x_m,y_m,temperature_K (then errors are reported in K).</param>
public sealed record SensorTable(string File, double[] Points, double[] Theta, long[] Rows, bool InKelvin)
{
    /// <summary>Number of observations.</summary>
    public int Count => Theta.Length;
}
