using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.FuelMoisture.Warping;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>time-warp+fine-tune: the grid time warp (shared with time-warp for the same n), then full fine-tuning.</summary>
internal sealed class TimeWarpFineTuneStrategy : FuelMoistureStrategy
{
    public override string Name => FuelMoistureStrategies.TimeWarpFineTune;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "the grid time warp, then every weight fine-tuned on the target observations";

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var (sf, si) = instance.GridShift(cell.N, fit, cell.CancellationToken);
        var net = TimeWarp.Apply(instance.SourceCopy(), sf, si);
        instance.FineTune(net, fit, instance.Options.FineTuneEpochs, GradientScope.All, cell, Name);
        return new FuelPrediction(instance.Predict(net), sf, si);
    }
}
