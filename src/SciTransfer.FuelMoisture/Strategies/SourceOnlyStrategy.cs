using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>source-only: the 10-h source network unchanged.</summary>
internal sealed class SourceOnlyStrategy : FuelMoistureStrategy
{
    public override string Name => StrategyNames.SourceOnly;

    public override StrategyNeeds Needs => StrategyNeeds.Source;

    public override string Description => "the 10-h source network unchanged";

    public override FigureSeriesRole FigureRole => FigureSeriesRole.SourceOnly;

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit) => instance.Predict(instance.SourceCopy());
}
