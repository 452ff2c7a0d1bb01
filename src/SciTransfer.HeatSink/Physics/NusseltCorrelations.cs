namespace SciTransfer.HeatSink.Physics;

/// <summary>Average Nusselt number correlations (the science file's physics priors).</summary>
public static class NusseltCorrelations
{
    /// <summary>Dittus-Boelter, turbulent: Nu = 0.023 Re^0.8 Pr^0.4.</summary>
    public static double DittusBoelter(double reynolds, double prandtl) => 0.023 * Math.Pow(reynolds, 0.8) * Math.Pow(prandtl, 0.4);

    /// <summary>
    /// Shah-London, fully developed laminar flow in a rectangular duct (H1 boundary condition), aspect ratio
    /// a = short/long side in (0, 1]: Nu = 8.235(1 - 2.0421a + 3.0853a^2 - 2.4765a^3 + 1.0578a^4 - 0.1861a^5).
    /// </summary>
    public static double ShahLondon(double aspectRatio)
    {
        double a = aspectRatio > 1 ? 1 / aspectRatio : aspectRatio;
        return 8.235 * (1 - (2.0421 * a) + (3.0853 * a * a) - (2.4765 * a * a * a) + (1.0578 * a * a * a * a) - (0.1861 * a * a * a * a * a));
    }

    /// <summary>Lyon, liquid metal, uniform heat flux: Nu = 7 + 0.025 Pe^0.8.</summary>
    public static double Lyon(double peclet) => 7 + (0.025 * Math.Pow(peclet, 0.8));

    /// <summary>Seban-Shimazaki, liquid metal, uniform wall temperature: Nu = 5 + 0.025 Pe^0.8.</summary>
    public static double SebanShimazaki(double peclet) => 5 + (0.025 * Math.Pow(peclet, 0.8));

    /// <summary>Skupinski, liquid metal: Nu = 4.82 + 0.0185 Pe^0.827.</summary>
    public static double Skupinski(double peclet) => 4.82 + (0.0185 * Math.Pow(peclet, 0.827));

    /// <summary>
    /// The prior this project uses for a fluid: liquid metals Lyon; others Shah-London below Re = 2300 and
    /// Dittus-Boelter above (the larger of the two, so the switch is continuous enough for a prior).
    /// </summary>
    public static double Prior(Fluid fluid, double reynolds, double aspectRatio)
    {
        ArgumentNullException.ThrowIfNull(fluid);
        if (fluid.IsLiquidMetal)
        {
            return Lyon(reynolds * fluid.Prandtl);
        }

        double laminar = ShahLondon(aspectRatio);
        return reynolds < 2300 ? laminar : Math.Max(laminar, DittusBoelter(reynolds, fluid.Prandtl));
    }
}
