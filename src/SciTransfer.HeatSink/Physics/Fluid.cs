namespace SciTransfer.HeatSink.Physics;

/// <summary>A coolant: thermal conductivity k_f (W/m K) and Prandtl number; liquid metals use the Pe correlations.</summary>
/// <param name="Name">"water" or "sodium" (or a user name).</param>
/// <param name="Conductivity">k_f in W/(m K).</param>
/// <param name="Prandtl">Pr (dimensionless).</param>
/// <param name="IsLiquidMetal">True for liquid metals (Pr &lt;&lt; 1).</param>
public sealed record Fluid(string Name, double Conductivity, double Prandtl, bool IsLiquidMetal)
{
    /// <summary>Water at 300 K.</summary>
    public static Fluid Water { get; } = new("water", 0.61, 5.85, false);

    /// <summary>Sodium at 600 K.</summary>
    public static Fluid Sodium { get; } = new("sodium", 75.0, 0.0057, true);

    /// <summary>Looks up "water" or "sodium".</summary>
    public static Fluid? ByName(string name) => name switch
    {
        "water" => Water,
        "sodium" => Sodium,
        _ => null,
    };
}
