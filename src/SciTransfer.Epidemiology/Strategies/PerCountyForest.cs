using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>per-county-rf: a forest per target county on its own visible rows, no pooling (r_hat = 0 without rows).</summary>
internal sealed class PerCountyForest : GrowthStrategy
{
    public override string Name => "per-county-rf";

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => "a forest per target county on its own visible rows, no pooling";

    public override bool InForecastFigure => true;

    // The paper's second baseline: forests fitted per county, without pooling other counties' data.
    public override bool IsBaseline => true;

    public override bool ScoresHeldOutSource => false; // one forest per target county: no shared model

    public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window)
    {
        int t = window.Origin;
        var r = instance.NewEstimates();
        var x = new double[instance.Features.FeatureCount];
        for (int i = 0; i < instance.Targets.Count; i++)
        {
            int c = instance.Targets[i];
            var own = new GrowthRows(instance.Features.FeatureCount);
            instance.Features.AddTrainingRows(c, window.FirstVisible, t, own);
            IRegressor? m = instance.FitOrZero(own, window.Seeds.Child("county").Child(i));
            if (instance.Features.TryFeatures(c, t, window.FirstVisible, x))
            {
                r[i] = m?.Predict(x) ?? 0.0;
            }
        }

        return r;
    }
}
