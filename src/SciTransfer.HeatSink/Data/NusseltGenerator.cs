using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Physics;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// Generated stand-in for miniature-channel CFD (the seed paper's 87 points are not public). Both fluids share
/// the geometric structure of laminar duct flow, Nu = F(a) (1 + 0.04 Gz^0.6) with F = Shah-London and
/// Graetz number Gz = Pe / (L/D); sodium adds a weak conduction-dominated Pe term and sits well below the
/// tube correlations (as the science file says small-channel liquid-metal CFD does):
/// water Nu = F(a)(1 + 0.04 Gz^0.6); sodium Nu = 0.6 F(a)(1 + 0.04 Gz^0.6) + 0.02 Pe^0.8; 3 % multiplicative noise.
/// </summary>
public static class NusseltGenerator
{
    /// <summary>Noise-free model value for a design.</summary>
    public static double TrueNu(string fluid, double peclet, double aspectRatio, double lengthOverDiameter)
    {
        double gz = peclet / lengthOverDiameter;
        double developing = NusseltCorrelations.ShahLondon(aspectRatio) * (1 + (0.04 * Math.Pow(gz, 0.6)));
        return fluid == "sodium" ? (0.6 * developing) + (0.02 * Math.Pow(peclet, 0.8)) : developing;
    }

    /// <summary>
    /// Draws <paramref name="count"/> designs: W in [0.5, 3] mm, H in [1, 5] mm, L in [10, 100] mm, Re in
    /// [100, 2000] (water) or [1000, 20000] (sodium), Pe = Re Pr.
    /// </summary>
    public static List<NusseltSample> Generate(string fluid, int count, Rng rng, double noise = 0.03)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var f = Physics.Fluid.ByName(fluid) ?? throw new ArgumentException($"NusseltGenerator: unknown fluid '{fluid}'");
        var list = new List<NusseltSample>(count);
        for (int i = 0; i < count; i++)
        {
            double w = rng.Uniform(0.5e-3, 3e-3);
            double h = rng.Uniform(1e-3, 5e-3);
            double length = rng.Uniform(10e-3, 100e-3);
            double re = f.IsLiquidMetal ? Math.Exp(rng.Uniform(Math.Log(1000), Math.Log(20000))) : Math.Exp(rng.Uniform(Math.Log(100), Math.Log(2000)));
            double dh = 2 * w * h / (w + h);
            double a = Math.Min(w, h) / Math.Max(w, h);
            double pe = re * f.Prandtl;
            double nu = TrueNu(fluid, pe, a, length / dh) * (1 + (noise * rng.Normal()));
            list.Add(new NusseltSample(fluid, pe, dh, a, length, w, length / dh, nu));
        }

        return list;
    }
}
