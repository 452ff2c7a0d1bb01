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
    /// A rough temperature scale for output scaling: lumped wall resistance plus base conduction,
    /// HalfPitch / (Bi * WettedLength) + BaseThickness (exact for a perfectly conducting fin when Bi -> 0).
    /// </summary>
    public double ThetaScale => (Geometry.HalfPitch / (Biot * Geometry.WettedLength)) + Geometry.BaseThickness;
}
