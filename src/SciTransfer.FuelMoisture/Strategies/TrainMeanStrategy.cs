using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>
/// train-mean: the mean of the cell's target observations predicted at every test hour (the "training mean" of
/// the published evaluation, which beat the networks for 1000-h fuels). A baseline: a transfer that cannot beat it
/// has learnt nothing about the target's variation.
/// </summary>
internal sealed class TrainMeanStrategy : FuelMoistureStrategy
{
    public override string Name => FuelMoistureStrategies.TrainMean;

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => "the mean of the n target observations (for 1-h fuels those <= 30 %) at every test hour; n = 0: the 10-h training mean";

    public override bool IsBaseline => true;

    public override FigureSeriesRole FigureRole => FigureSeriesRole.None;

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit) => instance.TrainMeanPredictions(cell);
}
