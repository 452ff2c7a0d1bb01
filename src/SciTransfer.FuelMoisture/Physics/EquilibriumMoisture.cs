namespace SciTransfer.FuelMoisture.Physics;

/// <summary>
/// Equilibrium moisture content of dead fuel (Van Wagner &amp; Pickett), in % of dry mass.
/// Inputs: relative humidity H in % (clipped to [0, 100]) and air temperature T in K.
/// </summary>
public static class EquilibriumMoisture
{
    /// <summary>The canonical drying coefficient a of Van Wagner &amp; Pickett.</summary>
    public const double CanonicalDryingCoefficient = 0.942;

    /// <summary>The drying coefficient used by the reference group's Python code.</summary>
    public const double PythonCodeDryingCoefficient = 0.924;

    /// <summary>
    /// Drying and wetting equilibria (Ed, Ew) in %, guarded so that Ed &gt;= Ew &gt;= 0.
    /// </summary>
    /// <param name="relativeHumidityPercent">H in %, clipped to [0, 100].</param>
    /// <param name="temperatureKelvin">T in K.</param>
    /// <param name="dryingCoefficient">a in Ed = a*H^0.679 + ... (0.942 canonical, 0.924 in the group's code).</param>
    public static (double Ed, double Ew) Compute(double relativeHumidityPercent, double temperatureKelvin, double dryingCoefficient = CanonicalDryingCoefficient)
    {
        double h = Math.Clamp(relativeHumidityPercent, 0.0, 100.0);
        double thermal = 0.18 * (294.25 - temperatureKelvin) * (1.0 - Math.Exp(-0.115 * h));
        double ed = (dryingCoefficient * Math.Pow(h, 0.679)) + (0.000499 * Math.Exp(0.1 * h)) + thermal;
        double ew = (0.618 * Math.Pow(h, 0.753)) + (0.000454 * Math.Exp(0.1 * h)) + thermal;
        double hi = Math.Max(ed, ew);
        double lo = Math.Min(ed, ew);
        return (Math.Max(hi, 0.0), Math.Max(lo, 0.0));
    }

    /// <summary>Fills Ed and Ew (both in %) for hourly series of H (%) and T (K).</summary>
    public static void Compute(ReadOnlySpan<double> relativeHumidityPercent, ReadOnlySpan<double> temperatureKelvin, double dryingCoefficient, Span<double> ed, Span<double> ew)
    {
        if (temperatureKelvin.Length != relativeHumidityPercent.Length || ed.Length != relativeHumidityPercent.Length || ew.Length != relativeHumidityPercent.Length)
        {
            throw new ArgumentException($"EquilibriumMoisture.Compute: lengths differ (H {relativeHumidityPercent.Length}, T {temperatureKelvin.Length}, Ed {ed.Length}, Ew {ew.Length}).");
        }

        for (int t = 0; t < relativeHumidityPercent.Length; t++)
        {
            (ed[t], ew[t]) = Compute(relativeHumidityPercent[t], temperatureKelvin[t], dryingCoefficient);
        }
    }
}
