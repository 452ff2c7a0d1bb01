namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// Names of the heat-sink networks in exchange form (<see cref="Transfer.Problems.ExchangeModel"/>, model cards): both
/// are a <see cref="FieldMlp"/> (tanh MLP with its fixed input transform).
/// </summary>
public static class HeatSinkExchange
{
    /// <summary>The temperature-field PINN of the water-to-sodium problems: inputs (x, y) in units of l, output the temperature rise.</summary>
    public const string FieldArchitecture = "field-mlp";

    /// <summary>The Nusselt network: six design features, output log Nu.</summary>
    public const string NusseltArchitecture = "nusselt-mlp";

    /// <summary>The field network's coordinates.</summary>
    public static IReadOnlyList<string> FieldFeatures { get; } = ["x", "y"];

    /// <summary>The Nusselt network's features, in <see cref="Data.NusseltSample.Features"/> order.</summary>
    public static IReadOnlyList<string> NusseltFeatures { get; } = ["log10_peclet", "hydraulic_diameter_mm", "aspect_ratio", "length_cm", "width_mm", "log10_length_over_diameter"];
}
