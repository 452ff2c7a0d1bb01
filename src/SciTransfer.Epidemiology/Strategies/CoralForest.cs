using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Adaptation;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>
/// coral on the forest: at each origin the source rows are aligned to the mean and covariance of the target counties'
/// visible feature rows, (x - mu_s) C_s^-1/2 C_t^1/2 + mu_t (<see cref="Coral"/>, Sun, Feng &amp; Saenko 2016), then
/// pooled with the labelled target rows as in tlrf. The regulariser is relative, as in <see cref="CoralStrategy"/>.
/// </summary>
internal sealed class CoralForest : InputAdaptedForest
{
    /// <summary>lambda as a fraction of the mean feature variance (<see cref="Coral.AlignRelative"/>).</summary>
    public double RelativeLambda { get; init; } = new CoralStrategy().RelativeLambda;

    public override string Name => AdaptationNames.Coral;

    public override string Description => "CORAL: source rows aligned to the target counties' visible feature rows (mean and covariance), then one forest with the visible target rows (as tlrf)";

    protected override (Matrix<double> X, int[] Rows) Adapt(Matrix<double> sourceX, Matrix<double> targetX, SeedTree seeds) =>
        (Coral.AlignRelative(sourceX, targetX, RelativeLambda), [.. Enumerable.Range(0, sourceX.RowCount)]);
}
