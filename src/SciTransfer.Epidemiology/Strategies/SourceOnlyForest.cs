using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>source-only: the origin's source forest, fitted on the source counties only.</summary>
internal sealed class SourceOnlyForest : GrowthStrategy
{
    public override string Name => StrategyNames.SourceOnly;

    public override StrategyNeeds Needs => StrategyNeeds.Source;

    public override string Description => "the forest on source counties' rows only (pre-trained once per origin and repeat)";

    public override bool InForecastFigure => true;

    public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window) =>
        instance.PredictTargets(instance.Source[window.OriginIndex], window);
}
