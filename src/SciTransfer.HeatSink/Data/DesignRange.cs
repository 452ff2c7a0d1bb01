using System.Globalization;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// The box of channel designs a Nusselt study covers: bounds of Pe (dimensionless), D_h, aspect ratio, heated
/// length L and width W (lengths in metres). Collocation designs for the correlation prior are drawn inside it.
/// </summary>
/// <param name="PecletMin">Smallest Pe, &gt; 0.</param>
/// <param name="PecletMax">Largest Pe.</param>
/// <param name="DhMin">Smallest hydraulic diameter D_h (m).</param>
/// <param name="DhMax">Largest D_h (m).</param>
/// <param name="AspectMin">Smallest aspect ratio, in (0, 1].</param>
/// <param name="AspectMax">Largest aspect ratio.</param>
/// <param name="LengthMin">Shortest heated length L (m).</param>
/// <param name="LengthMax">Longest L (m).</param>
/// <param name="WidthMin">Narrowest channel width W (m).</param>
/// <param name="WidthMax">Widest W (m).</param>
public sealed record DesignRange(
    double PecletMin,
    double PecletMax,
    double DhMin,
    double DhMax,
    double AspectMin,
    double AspectMax,
    double LengthMin,
    double LengthMax,
    double WidthMin,
    double WidthMax)
{
    /// <summary>The bounding box of <paramref name="designs"/> (their inputs only; Nu is not read).</summary>
    public static DesignRange Of(IReadOnlyList<NusseltSample> designs)
    {
        ArgumentNullException.ThrowIfNull(designs);
        if (designs.Count == 0)
        {
            throw new ArgumentException("DesignRange.Of: no designs to take the range of", nameof(designs));
        }

        return new DesignRange(
            designs.Min(s => s.Peclet),
            designs.Max(s => s.Peclet),
            designs.Min(s => s.HydraulicDiameter),
            designs.Max(s => s.HydraulicDiameter),
            designs.Min(s => s.AspectRatio),
            designs.Max(s => s.AspectRatio),
            designs.Min(s => s.Length),
            designs.Max(s => s.Length),
            designs.Min(s => s.Width),
            designs.Max(s => s.Width));
    }

    /// <summary>True when every input of <paramref name="s"/> lies in the box (bounds included).</summary>
    public bool Contains(NusseltSample s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Peclet >= PecletMin && s.Peclet <= PecletMax
            && s.HydraulicDiameter >= DhMin && s.HydraulicDiameter <= DhMax
            && s.AspectRatio >= AspectMin && s.AspectRatio <= AspectMax
            && s.Length >= LengthMin && s.Length <= LengthMax
            && s.Width >= WidthMin && s.Width <= WidthMax;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Pe [{PecletMin:G4}, {PecletMax:G4}], dh [{DhMin:G4}, {DhMax:G4}] m, aspect [{AspectMin:G4}, {AspectMax:G4}], L [{LengthMin:G4}, {LengthMax:G4}] m, W [{WidthMin:G4}, {WidthMax:G4}] m");
}
