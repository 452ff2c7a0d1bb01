using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>
/// Base of the fuel-moisture strategies: a strategy turns the cell's fit sequences into predictions over the test
/// set's target sequences; scoring and the figure are shared.
/// </summary>
internal abstract class FuelMoistureStrategy : Strategy<FuelMoistureInstance>
{
    /// <summary>The strategy's part in the time-series figure.</summary>
    public virtual FigureSeriesRole FigureRole => FigureSeriesRole.Transfer;

    /// <inheritdoc />
    public sealed override CellResult Run(FuelMoistureInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var prediction = Predict(instance, cell, instance.FitSequences(cell));
        return instance.Result(Name, FigureRole, cell, prediction);
    }

    /// <summary>Predictions in % per test station and hour of the target sequence, with the cell's diagnostics.</summary>
    /// <param name="instance">The repeat.</param>
    /// <param name="cell">The cell.</param>
    /// <param name="fit">One sequence per pool station with fitted observations in the cell's subset.</param>
    protected abstract FuelPrediction Predict(FuelMoistureInstance instance, StrategyCell cell, List<TrainingSequence> fit);
}
