using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>freeze-lstm: the source LSTM frozen, the dense head trained on the target observations.</summary>
internal sealed class FreezeLstmStrategy : FuelMoistureStrategy
{
    public override string Name => FuelMoistureStrategies.FreezeLstm;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "the source LSTM frozen, the dense head trained on the target observations";

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit)
    {
        var net = instance.SourceCopy();
        instance.FineTune(net, fit, instance.Options.FineTuneEpochs, GradientScope.HeadOnly, cell, Name);
        return instance.Predict(net);
    }
}
