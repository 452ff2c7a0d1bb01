using SciTransfer.HeatSink.Solver;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// What a PINN is asked to fit: the case (geometry + conditions), the sensor data, and whether the physics
/// residuals are used (false: a plain regression on the data). The network predicts u, and
/// theta = ThetaOffset + ThetaScale u (output scaling from the case: the lumped level plus the conduction scale,
/// so a network transferred between cases carries the O(1) conduction shape, not the level).
/// </summary>
/// <param name="Case">Geometry and Biot number.</param>
/// <param name="Data">Sensor observations (may be empty).</param>
/// <param name="UsePhysics">Include PDE and boundary residuals.</param>
public sealed record PinnTask(HeatSinkCase Case, SensorData Data, bool UsePhysics = true)
{
    /// <summary>Output offset: the case's lumped level.</summary>
    public double ThetaOffset => Case.LumpedTheta;

    /// <summary>Output scale (the conduction scale q'' l / k_s = 1 in non-dimensional units).</summary>
    public double ThetaScale => 1.0;

    /// <summary>theta from the network output u.</summary>
    public double Theta(double u) => ThetaOffset + (ThetaScale * u);
}
