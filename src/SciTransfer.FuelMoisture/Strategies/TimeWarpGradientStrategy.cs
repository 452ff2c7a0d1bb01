using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.FuelMoisture.Warping;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>time-warp-gradient: the two gate-bias shifts fitted by Adam through the whole sequences.</summary>
internal sealed class TimeWarpGradientStrategy : FuelMoistureStrategy
{
    public override string Name => FuelMoistureStrategies.TimeWarpGradient;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "the two gate-bias shifts fitted by Adam (warp_iterations) on the target observations";

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var (sf, si) = instance.GradientShift(fit, cell.CancellationToken);
        return new FuelPrediction(instance.Predict(TimeWarp.Apply(instance.SourceCopy(), sf, si)), sf, si);
    }
}
