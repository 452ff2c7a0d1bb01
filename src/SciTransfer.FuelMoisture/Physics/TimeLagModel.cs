namespace SciTransfer.FuelMoisture.Physics;

/// <summary>
/// The time-lag fuel moisture model of one fuel class, stepped exactly over dt hours:
/// m1 = E + (m0 - E) exp(-dt k). In rain r &gt; r0: E = S, k = (1 - exp(-(r - r0)/rs)) / Tr;
/// otherwise the fuel wets toward Ew below Ew, dries toward Ed above Ed, and holds between (dead zone),
/// with k = 1/T_k. All moisture values are in % of dry mass.
/// </summary>
/// <param name="TimeLagHours">T_k, the class time constant in hours (1, 10, 100, 1000).</param>
/// <param name="RainTimeConstantHours">Tr in hours. The science file's default is 1.4 T_k (NCAR's fire code);
/// 14 h (one value for all classes) and 14 T_k (WRF-SFIRE) are the alternatives in the literature.</param>
/// <param name="RainThreshold">r0 in mm/h: lighter rain counts as none.</param>
/// <param name="RainSaturationScale">rs in mm/h: how fast the wetting rate saturates with intensity.</param>
/// <param name="Saturation">S in %: the equilibrium under rain.</param>
public sealed record TimeLagModel(
    double TimeLagHours,
    double RainTimeConstantHours,
    double RainThreshold = 0.05,
    double RainSaturationScale = 8.0,
    double Saturation = 250.0)
{
    /// <summary>The default Tr factor: Tr = 1.4 T_k.</summary>
    public const double DefaultRainFactor = 1.4;

    /// <summary>A model with the default rain time constant Tr = 1.4 T_k.</summary>
    public static TimeLagModel ForClass(double timeLagHours) => new(timeLagHours, DefaultRainFactor * timeLagHours);

    /// <summary>A model whose rain time constant is <paramref name="rainFactor"/> T_k.</summary>
    public static TimeLagModel ForClass(double timeLagHours, double rainFactor) => new(timeLagHours, rainFactor * timeLagHours);

    /// <summary>
    /// One exact step of <paramref name="dtHours"/> from moisture <paramref name="m0"/> (%) under drying/wetting
    /// equilibria <paramref name="ed"/>, <paramref name="ew"/> (%) and rain <paramref name="rain"/> (mm/h).
    /// </summary>
    public double Step(double m0, double ed, double ew, double rain, double dtHours = 1.0)
    {
        double e, k;
        if (rain > RainThreshold)
        {
            e = Saturation;
            k = (1.0 - Math.Exp(-(rain - RainThreshold) / RainSaturationScale)) / RainTimeConstantHours;
        }
        else if (m0 <= ew)
        {
            e = ew;
            k = 1.0 / TimeLagHours;
        }
        else if (m0 >= ed)
        {
            e = ed;
            k = 1.0 / TimeLagHours;
        }
        else
        {
            return m0;
        }

        return e + ((m0 - e) * Math.Exp(-dtHours * k));
    }

    /// <summary>
    /// Runs hourly from <paramref name="initial"/> (%): destination[t] is the moisture at the END of hour t,
    /// after the weather of hour t (ed, ew in %, rain in mm/h) acted on destination[t-1].
    /// </summary>
    public void Run(double initial, ReadOnlySpan<double> ed, ReadOnlySpan<double> ew, ReadOnlySpan<double> rain, Span<double> destination)
    {
        if (ew.Length != ed.Length || rain.Length != ed.Length || destination.Length != ed.Length)
        {
            throw new ArgumentException($"TimeLagModel.Run: lengths differ (Ed {ed.Length}, Ew {ew.Length}, rain {rain.Length}, destination {destination.Length}).");
        }

        double m = initial;
        for (int t = 0; t < ed.Length; t++)
        {
            m = Step(m, ed[t], ew[t], rain[t]);
            destination[t] = m;
        }
    }
}
