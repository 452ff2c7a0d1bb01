using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>oracle: scratch on the whole target pool in pool order (an upper bound; ignores n).</summary>
internal sealed class OracleStrategy : Strategy<IFlatParameterInstance>
{
    public override string Name => StrategyNames.Oracle;

    public override StrategyNeeds Needs => StrategyNeeds.WholePool;

    public override string Description => "random initialisation trained on the whole target pool (upper bound; ignores n)";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell)
    {
        int[] pool = [.. Enumerable.Range(0, instance.TargetPoolSize)];
        var start = instance.Initialize(cell.Seeds.Child("init").CreateRng());
        return instance.Score(instance.Train(start, pool, null, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
    }
}
