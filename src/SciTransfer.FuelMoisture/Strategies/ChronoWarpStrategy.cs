using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.FuelMoisture.Warping;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>chrono-warp: shifts (+ln a, -ln a) from the time-constant ratio a = T_target / 10 h; no target data.</summary>
internal sealed class ChronoWarpStrategy : FuelMoistureStrategy
{
    public override string Name => FuelMoistureStrategies.ChronoWarp;

    public override StrategyNeeds Needs => StrategyNeeds.Source;

    public override string Description => "gate-bias shifts (+ln a, -ln a) from the time-constant ratio a = T_target / 10 h (no target data)";

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var (sf, si) = TimeWarp.FromRatio(instance.Options.TargetClassHours / 10.0);
        return new FuelPrediction(instance.Predict(TimeWarp.Apply(instance.SourceCopy(), sf, si)), sf, si);
    }
}
