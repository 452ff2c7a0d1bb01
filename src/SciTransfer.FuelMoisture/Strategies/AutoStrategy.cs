using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.FuelMoisture.Warping;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>
/// auto: one recommended transfer chosen without looking at the test set. The cell's fitted observations are
/// ordered by time; every candidate (<see cref="Candidates"/>) is fitted on the earlier 75 % and scored by RMSE on the
/// last 25 % at the pool stations (a time-ordered hold-out, as a forecaster would validate); the best is refitted on
/// all of them and predicts the test set. With fewer than <see cref="MinimumForHoldOut"/> fitted observations there
/// is nothing to judge by and it takes chrono-warp (no target data). Records its choice as the diagnostic
/// <c>auto_choice</c> (index into <see cref="Candidates"/>).
/// </summary>
internal sealed class AutoStrategy : FuelMoistureStrategy
{
    /// <summary>The candidates, in the order auto_choice numbers them; ties keep the earlier one.</summary>
    public static IReadOnlyList<string> Candidates { get; } =
    [
        StrategyNames.SourceOnly, FuelMoistureStrategies.ChronoWarp, FuelMoistureStrategies.TimeWarp,
        FuelMoistureStrategies.TimeWarpGradient, StrategyNames.FineTune,
    ];

    /// <summary>Fewest fitted observations for a hold-out (3 to fit, 1 to judge).</summary>
    public const int MinimumForHoldOut = 4;

    /// <summary>Fraction of the fitted observations, the latest ones, held out for choosing.</summary>
    public const double HoldOutFraction = 0.25;

    public override string Name => FuelMoistureStrategies.Auto;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "picks among source-only, chrono-warp, time-warp, time-warp-gradient and fine-tune by RMSE on the latest 25 % of the n target observations (fitted on the earlier 75 %), then refits the choice on all n";

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var observations = instance.FittedObservations(cell).OrderBy(o => o.Hour).ThenBy(o => o.Station).ToList();
        int choice = 1;
        if (observations.Count >= MinimumForHoldOut)
        {
            int held = Math.Max(1, (int)Math.Ceiling(HoldOutFraction * observations.Count));
            var early = observations.Take(observations.Count - held).ToList();
            var late = observations.Skip(observations.Count - held).ToList();
            var earlyFit = instance.FitSequences(early);
            double best = double.PositiveInfinity;
            for (int k = 0; k < Candidates.Count; k++)
            {
                var (net, _, _) = Fit(instance, cell, k, earlyFit, shareGrid: false);
                var p = instance.PredictPool(net);
                double rmse = Math.Sqrt(late.Average(o => (p[o.Station][o.Hour] - o.Value) * (p[o.Station][o.Hour] - o.Value)));
                if (rmse < best)
                {
                    best = rmse;
                    choice = k;
                }
            }
        }

        var (chosen, sf, si) = Fit(instance, cell, choice, fit, shareGrid: true);
        return new FuelPrediction(instance.Predict(chosen), sf, si, choice);
    }

    /// <summary>Candidate <paramref name="k"/> fitted on <paramref name="fit"/>; the grid search of the full subset is shared with time-warp.</summary>
    private (MoistureNet Net, double Forget, double Input) Fit(FuelMoistureInstance instance, StrategyCell cell, int k, List<TrainingSequence> fit, bool shareGrid)
    {
        var o = instance.Options;
        switch (Candidates[k])
        {
            case FuelMoistureStrategies.ChronoWarp:
            {
                var (sf, si) = TimeWarp.FromRatio(o.TargetClassHours / 10.0);
                return (TimeWarp.Apply(instance.SourceCopy(), sf, si), sf, si);
            }

            case FuelMoistureStrategies.TimeWarp:
            {
                var (sf, si) = shareGrid ? instance.GridShift(cell.N, fit, cell.CancellationToken)
                    : fit.Count == 0 ? (0.0, 0.0)
                    : Pair(TimeWarp.Grid(instance.SourceCopy(), fit, o.GridPoints, o.GridRange, cell.CancellationToken));
                return (TimeWarp.Apply(instance.SourceCopy(), sf, si), sf, si);
            }

            case FuelMoistureStrategies.TimeWarpGradient:
            {
                var (sf, si) = instance.GradientShift(fit, cell.CancellationToken);
                return (TimeWarp.Apply(instance.SourceCopy(), sf, si), sf, si);
            }

            case StrategyNames.FineTune:
            {
                var net = instance.SourceCopy();
                instance.FineTune(net, fit, o.FineTuneEpochs, GradientScope.All, cell, Name);
                return (net, double.NaN, double.NaN);
            }

            default:
                return (instance.SourceCopy(), double.NaN, double.NaN);
        }
    }

    private static (double, double) Pair((double Forget, double Input, double Loss) r) => (r.Forget, r.Input);
}
