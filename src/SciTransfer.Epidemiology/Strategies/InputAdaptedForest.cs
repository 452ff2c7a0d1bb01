using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>
/// Input-level domain adaptation of the TLRF forest (the shared <see cref="Transfer.Adaptation.CoralStrategy"/> and
/// <see cref="Transfer.Adaptation.ImportanceWeightingStrategy"/> applied per forecast origin, because this problem's
/// model is one forest per origin): at origin k the source rows (n_s x p) are adapted towards the target counties'
/// unlabelled feature rows of the visible days, then one forest is fitted on the adapted source rows plus the
/// labelled target rows of the window (as tlrf pools them) and predicts the target counties. With fewer than
/// <see cref="MinTargetRows"/> unlabelled target rows there is nothing to adapt to and the strategy is tlrf.
/// </summary>
internal abstract class InputAdaptedForest : GrowthStrategy
{
    /// <summary>Fewest unlabelled target rows an adaptation is estimated from (a covariance needs 2; a density ratio a few more).</summary>
    public const int MinTargetRows = 4;

    public override StrategyNeeds Needs => StrategyNeeds.UnlabelledTarget | StrategyNeeds.TargetLabels;

    /// <summary>
    /// The adapted source rows: <paramref name="sourceX"/> (n_s x p) re-mapped, or a list of source row indices to
    /// train on (a resample), for the target inputs <paramref name="targetX"/> (n_t x p, unlabelled).
    /// </summary>
    protected abstract (Matrix<double> X, int[] Rows) Adapt(Matrix<double> sourceX, Matrix<double> targetX, SeedTree seeds);

    public sealed override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var source = instance.SourceRows(window.OriginIndex);
        var targetInputs = instance.TargetInputs(window.FirstVisible, window.Origin);
        if (targetInputs.Count < MinTargetRows || source.Count < 2)
        {
            return instance.PredictPooled(window);
        }

        var (fm, ys) = source.ToMatrix();
        var xs = Matrix<double>.Build.Dense(fm.Rows, fm.Columns, (double[])fm.Data.Clone()); // both column-major
        var xt = Matrix<double>.Build.DenseOfRowArrays(targetInputs);
        var (x, rows) = Adapt(xs, xt, window.Seeds.Child("adapt"));

        var all = new GrowthRows(source.FeatureCount);
        var row = new double[source.FeatureCount];
        foreach (int i in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = x[i, c];
            }

            all.Add(row, ys[i], source.CountyOf[i]);
        }

        all.AddAll(instance.TargetRows(window.FirstVisible, window.Origin));
        return instance.PredictTargets(instance.FitOrZero(all, window.Seeds.Child("fit")), window);
    }
}
