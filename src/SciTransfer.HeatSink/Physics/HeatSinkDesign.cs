namespace SciTransfer.HeatSink.Physics;

/// <summary>
/// A dimensional heat-sink design: the symmetry cell scaled by a reference length, the solid, the fluid
/// and the flow. Gives the wall heat transfer coefficient h = Nu k_f / D_h and the Biot number Bi = h l / k_s.
/// The channel between two fins is a closed rectangular duct (width 2(HalfPitch - FinHalfThickness) l,
/// height FinHeight l).
/// </summary>
/// <param name="Geometry">Dimensionless cell.</param>
/// <param name="ReferenceLength">l in metres (1e-3 for the default millimetre cell).</param>
/// <param name="SolidConductivity">k_s in W/(m K) (copper 390, aluminium 237, stainless 316: 16).</param>
/// <param name="Fluid">Coolant.</param>
/// <param name="Reynolds">Channel Reynolds number.</param>
public sealed record HeatSinkDesign(HeatSinkGeometry Geometry, double ReferenceLength, double SolidConductivity, Fluid Fluid, double Reynolds)
{
    /// <summary>Channel width in metres.</summary>
    public double ChannelWidth => 2 * (Geometry.HalfPitch - Geometry.FinHalfThickness) * ReferenceLength;

    /// <summary>Channel height in metres.</summary>
    public double ChannelHeight => Geometry.FinHeight * ReferenceLength;

    /// <summary>Hydraulic diameter D_h = 2wH/(w+H) in metres.</summary>
    public double HydraulicDiameter => 2 * ChannelWidth * ChannelHeight / (ChannelWidth + ChannelHeight);

    /// <summary>Channel aspect ratio (short/long side).</summary>
    public double AspectRatio => Math.Min(ChannelWidth, ChannelHeight) / Math.Max(ChannelWidth, ChannelHeight);

    /// <summary>Peclet number Re Pr.</summary>
    public double Peclet => Reynolds * Fluid.Prandtl;

    /// <summary>Average Nusselt number from <see cref="NusseltCorrelations.Prior"/>.</summary>
    public double Nusselt => NusseltCorrelations.Prior(Fluid, Reynolds, AspectRatio);

    /// <summary>h in W/(m^2 K).</summary>
    public double HeatTransferCoefficient => Nusselt * Fluid.Conductivity / HydraulicDiameter;

    /// <summary>Bi = h l / k_s.</summary>
    public double Biot => HeatTransferCoefficient * ReferenceLength / SolidConductivity;
}
