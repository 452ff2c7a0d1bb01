using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>physics: the time-lag model of the target class run over each test station's target sequence.</summary>
internal sealed class PhysicsStrategy : FuelMoistureStrategy
{
    public override string Name => FuelMoistureStrategies.Physics;

    public override StrategyNeeds Needs => StrategyNeeds.None;

    public override string Description => "the time-lag model of the target class run over the test stations' weather from (Ed + Ew) / 2";

    public override bool IsBaseline => true;

    public override FigureSeriesRole FigureRole => FigureSeriesRole.Physics;

    protected override FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit) => instance.PhysicsPredictions();
}
