using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>scratch: one forest on the target counties' visible rows only (r_hat = 0 when there are none).</summary>
internal sealed class ScratchForest : GrowthStrategy
{
    public override string Name => StrategyNames.Scratch;

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => "one forest on the target counties' visible rows only (r_hat = 0 without rows)";

    public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window)
    {
        var model = instance.FitOrZero(instance.TargetRows(window.FirstVisible, window.Origin), window.Seeds.Child("fit"));
        return instance.PredictTargets(model, window);
    }
}
