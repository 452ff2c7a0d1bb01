using System.Globalization;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// One channel design and its average Nusselt number (a CFD row): the seed paper's inputs
/// (Pe, D_h, aspect ratio, L, W, L/D) and output Nu.
/// </summary>
/// <param name="Fluid">"water" or "sodium".</param>
/// <param name="Peclet">Pe = Re Pr.</param>
/// <param name="HydraulicDiameter">D_h in metres.</param>
/// <param name="AspectRatio">Channel aspect ratio (short/long side, 0..1].</param>
/// <param name="Length">Heated length L in metres.</param>
/// <param name="Width">Channel width W in metres.</param>
/// <param name="LengthOverDiameter">L / D_h.</param>
/// <param name="Nu">Average Nusselt number.</param>
public sealed record NusseltSample(string Fluid, double Peclet, double HydraulicDiameter, double AspectRatio, double Length, double Width, double LengthOverDiameter, double Nu)
{
    /// <summary>Number of network inputs.</summary>
    public const int FeatureCount = 6;

    /// <summary>
    /// Network features: log10 Pe, D_h in mm, aspect ratio, L in cm, W in mm, log10(L/D) (scaled again by the
    /// network's input standardisation).
    /// </summary>
    public void Features(Span<double> destination)
    {
        destination[0] = Math.Log10(Peclet);
        destination[1] = HydraulicDiameter * 1e3;
        destination[2] = AspectRatio;
        destination[3] = Length * 1e2;
        destination[4] = Width * 1e3;
        destination[5] = Math.Log10(LengthOverDiameter);
    }

    /// <summary>
    /// The channel's geometry as one key, "dh_m=0.00125;aspect_ratio=0.5;length_m=0.05;width_m=0.001" (the
    /// table's geometry columns, 6 significant digits, metres): rows of the same channel at other Pe share it,
    /// which is what a group split by geometry keeps together.
    /// </summary>
    public string GeometryKey => string.Create(
        CultureInfo.InvariantCulture,
        $"dh_m={HydraulicDiameter:G6};aspect_ratio={AspectRatio:G6};length_m={Length:G6};width_m={Width:G6}");
}
