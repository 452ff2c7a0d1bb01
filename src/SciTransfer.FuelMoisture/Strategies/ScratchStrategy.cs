using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>scratch: the same network, chrono-initialised, trained on the target observations only.</summary>
internal sealed class ScratchStrategy : FuelMoistureStrategy
{
    public override string Name => StrategyNames.Scratch;

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => "the same network, chrono-initialised, trained on the target observations only (scratch_epochs)";

    public override FigureSeriesRole FigureRole => FigureSeriesRole.None;

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var net = instance.NewNetwork(cell);
        instance.FineTune(net, fit, instance.Options.ScratchEpochs, GradientScope.All, cell, Name);
        return instance.Predict(net);
    }
}
