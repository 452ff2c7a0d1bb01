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

    protected override double[][] Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var net = instance.SourceCopy();
        if (fit.Count > 0)
        {
            var (sf, si, _) = TimeWarp.Gradient(net, fit, instance.Options.WarpIterations, range: instance.Options.GridRange, cancellationToken: cell.CancellationToken);
            net.ShiftGateBiases(sf, si);
        }

        return instance.Predict(net);
    }
}
