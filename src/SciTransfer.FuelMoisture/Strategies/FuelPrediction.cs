namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>
/// What a fuel-moisture strategy returns for a cell: predictions in % per test station and hour of the target
/// sequence, [test stations][hours], and the diagnostics the results record beside the scores (NaN where they do
/// not apply): the fitted (forget, input) gate-bias shifts of a warp, and the candidate <c>auto</c> chose.
/// </summary>
/// <param name="Values">Predictions, %, [test stations][hours].</param>
/// <param name="ForgetShift">Shift added to every forget-gate bias (a warp), or NaN.</param>
/// <param name="InputShift">Shift added to every input-gate bias (a warp), or NaN.</param>
/// <param name="AutoChoice">Index into <see cref="AutoStrategy.Candidates"/> of the strategy auto chose, or NaN.</param>
internal sealed record FuelPrediction(double[][] Values, double ForgetShift = double.NaN, double InputShift = double.NaN, double AutoChoice = double.NaN)
{
    /// <summary>Predictions without diagnostics.</summary>
    public static implicit operator FuelPrediction(double[][] values) => FromValues(values);

    /// <summary>Predictions without diagnostics.</summary>
    public static FuelPrediction FromValues(double[][] values) => new(values);
}
