using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.FuelMoisture.Warping;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>time-warp: the published transfer, two gate-bias shifts chosen on a grid; nothing else changes.</summary>
internal sealed class TimeWarpStrategy : FuelMoistureStrategy
{
    public override string Name => FuelMoistureStrategies.TimeWarp;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "(forget, input) gate-bias shifts of the source network chosen on a grid by weighted MSE on the target observations";

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var (sf, si) = instance.GridShift(cell.N, fit, cell.CancellationToken);
        return new FuelPrediction(instance.Predict(TimeWarp.Apply(instance.SourceCopy(), sf, si)), sf, si);
    }
}
