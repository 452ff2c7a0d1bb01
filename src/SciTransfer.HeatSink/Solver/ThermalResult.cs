namespace SciTransfer.HeatSink.Solver;

/// <summary>The reference solution of a <see cref="HeatSinkCase"/> and its engineering outputs.</summary>
/// <param name="Case">The case.</param>
/// <param name="Field">Non-dimensional temperature theta on the grid.</param>
/// <param name="PeakTheta">Maximum theta (at the heated base).</param>
/// <param name="ThermalResistance">theta_max / (heat in per unit depth) = theta_max / HalfPitch;
/// multiply by 1/k_s for K m/W per unit depth.</param>
/// <param name="FinEfficiency">Fin heat / (Bi * fin wetted length * mean theta at the fin root).</param>
/// <param name="HeatIn">Heat entering at the base (= HalfPitch up to discretisation).</param>
/// <param name="HeatOut">Heat leaving through the wetted walls.</param>
public sealed record ThermalResult(
    HeatSinkCase Case,
    FvSolution Field,
    double PeakTheta,
    double ThermalResistance,
    double FinEfficiency,
    double HeatIn,
    double HeatOut);
