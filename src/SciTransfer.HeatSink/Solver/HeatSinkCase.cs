namespace SciTransfer.HeatSink.Solver;

/// <summary>
/// One non-dimensional heat-sink case: the cell geometry and the wall Biot number Bi = h l / k_s.
/// theta = (T - T_f) k_s / (q'' l): Laplace in the solid, d(theta)/dn = -1 at the heated base,
/// 0 on symmetry planes, -Bi theta on wetted walls.
/// </summary>
/// <param name="Geometry">Cell geometry (units of l).</param>
/// <param name="Biot">Wall Biot number.</param>
public sealed record HeatSinkCase(HeatSinkGeometry Geometry, double Biot)
{
    /// <summary>
    /// The lumped temperature level HalfPitch / (Bi * WettedLength): the whole heat input leaving an isothermal
    /// solid through all wetted walls (exact as Bi -> 0). Used as the PINN's output offset, so the network only
    /// learns the O(1) conduction part theta - level, whose scale q'' l / k_s is 1 in these units.
    /// </summary>
    public double LumpedTheta => Geometry.HalfPitch / (Biot * Geometry.WettedLength);
}
