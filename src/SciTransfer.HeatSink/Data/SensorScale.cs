namespace SciTransfer.HeatSink.Data;

/// <summary>
/// What converts a sensor file in SI units to the PINN's non-dimensional variables: x / l, y / l and
/// theta = (T - T_f) k_s / (q'' l).
/// </summary>
/// <param name="ReferenceLength">l in metres.</param>
/// <param name="SolidConductivity">k_s in W/(m K).</param>
/// <param name="FluidTemperature">T_f in K (null: not configured; a kelvin file is then an error).</param>
/// <param name="HeatFlux">q'' at the heated base in W/m^2 (null: not configured).</param>
public sealed record SensorScale(double ReferenceLength, double SolidConductivity, double? FluidTemperature, double? HeatFlux)
{
    /// <summary>Kelvin per unit theta, q'' l / k_s (NaN when the heat flux is not configured).</summary>
    public double KelvinPerTheta => HeatFlux is double q ? q * ReferenceLength / SolidConductivity : double.NaN;
}
