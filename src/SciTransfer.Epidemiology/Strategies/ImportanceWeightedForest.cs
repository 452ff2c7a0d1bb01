using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Adaptation;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>
/// importance-weighting on the forest: at each origin the density ratio w(x) = p_t(x) / p_s(x) of the source rows is
/// estimated by a logistic source-vs-target classifier on the target counties' visible feature rows
/// (<see cref="ImportanceWeights"/>, clipped, mean 1; Shimodaira 2000), the source rows are resampled n_s times with
/// probability w_i / sum w (<see cref="ImportanceResampling"/>, since the forest takes no sample weights), and pooled
/// with the labelled target rows as in tlrf.
/// </summary>
internal sealed class ImportanceWeightedForest : InputAdaptedForest
{
    /// <summary>The weight estimator.</summary>
    public ImportanceWeights Weights { get; init; } = new();

    public override string Name => AdaptationNames.ImportanceWeighting;

    public override string Description => "source rows resampled by a classifier's density ratio p_t(x)/p_s(x) (clipped) towards the target counties' visible feature rows, then one forest with the visible target rows (as tlrf)";

    protected override (Matrix<double> X, int[] Rows) Adapt(Matrix<double> sourceX, Matrix<double> targetX, SeedTree seeds) =>
        (sourceX, ImportanceResampling.Draw(Weights.Estimate(sourceX, targetX), sourceX.RowCount, seeds.Child("resample").CreateRng()));
}
