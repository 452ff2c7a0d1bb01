using SciTransfer.HeatSink.Physics;

namespace SciTransfer.HeatSink.Models;

/// <summary>A correlation Nu = a + b Pe^c (dimensionless coefficients) and how it was obtained.</summary>
/// <param name="A">Constant term (the conduction limit).</param>
/// <param name="B">Coefficient of the Pe term.</param>
/// <param name="C">Exponent of Pe.</param>
/// <param name="Method">Provenance: a prior's name, or the parameters a fit determined ("a", "a,b", "a,b,c").</param>
public sealed record CorrelationCoefficients(double A, double B, double C, string Method)
{
    /// <summary>Names of the priors the <c>prior</c> option accepts.</summary>
    public static IReadOnlyList<string> PriorNames { get; } = ["lyon", "seban-shimazaki", "skupinski", "fitted-water"];

    /// <summary>Lyon, uniform heat flux: 7 + 0.025 Pe^0.8.</summary>
    public static CorrelationCoefficients Lyon { get; } = new(7, 0.025, 0.8, "lyon");

    /// <summary>Seban-Shimazaki, uniform wall temperature: 5 + 0.025 Pe^0.8.</summary>
    public static CorrelationCoefficients SebanShimazaki { get; } = new(5, 0.025, 0.8, "seban-shimazaki");

    /// <summary>Skupinski: 4.82 + 0.0185 Pe^0.827.</summary>
    public static CorrelationCoefficients Skupinski { get; } = new(4.82, 0.0185, 0.827, "skupinski");

    /// <summary>Nu at <paramref name="peclet"/>.</summary>
    public double Nu(double peclet) => A + (B * Math.Pow(peclet, C));

    /// <summary>
    /// The named published liquid-metal correlation (constants from the science file, as in
    /// <see cref="NusseltCorrelations"/>); null for "fitted-water", which depends on the water data.
    /// </summary>
    public static CorrelationCoefficients? Published(string name) => name switch
    {
        "lyon" => Lyon,
        "seban-shimazaki" => SebanShimazaki,
        "skupinski" => Skupinski,
        "fitted-water" => null,
        _ => throw new ArgumentException($"unknown prior '{name}'; expected one of {string.Join(", ", PriorNames)}", nameof(name)),
    };
}
