using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>fine-tune: every weight of the source network trained on the target observations.</summary>
internal sealed class FineTuneStrategy : FuelMoistureStrategy
{
    public override string Name => StrategyNames.FineTune;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "every weight of the source network trained on the target observations (fine_tune_epochs)";

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var net = instance.SourceCopy();
        instance.FineTune(net, fit, instance.Options.FineTuneEpochs, GradientScope.All, cell, Name);
        return instance.Predict(net);
    }
}
