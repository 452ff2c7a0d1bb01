using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>oracle: TLRF with the target counties' full history (independent of N; fitted once per repeat).</summary>
internal sealed class OracleTlrf : GrowthStrategy
{
    public override string Name => StrategyNames.Oracle;

    public override StrategyNeeds Needs => StrategyNeeds.WholePool;

    public override string Description => "TLRF with the target counties' full history (upper bound; ignores N)";

    public override bool ScoresHeldOutSource => false; // uses every target label; left out of label-free selection

    public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window) => instance.OracleGrowth(window.OriginIndex);
}
