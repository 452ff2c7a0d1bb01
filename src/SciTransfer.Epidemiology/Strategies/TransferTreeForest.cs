using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Epidemiology.TreeAdaptation;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>
/// relabel, ser, strut, mix (Segev et al., regression ports): every tree of the origin's source forest adapted with
/// the visible target rows (the source forest unchanged when there are none).
/// </summary>
internal sealed class TransferTreeForest : GrowthStrategy
{
    /// <summary>Creates the strategy for <paramref name="method"/>.</summary>
    public TransferTreeForest(TreeTransferMethod method)
    {
        Method = method;
        (Name, Description) = method switch
        {
            TreeTransferMethod.Relabel => ("relabel", "source trees with leaf values relabelled by the visible target rows"),
            TreeTransferMethod.Ser => ("ser", "source trees expanded on the visible target rows, then reduced by target error (SER)"),
            TreeTransferMethod.Strut => ("strut", "source trees with thresholds re-learned on the visible target rows (STRUT)"),
            TreeTransferMethod.Mix => ("mix", "the union of the SER and STRUT trees"),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown tree transfer method"),
        };
    }

    /// <summary>How each source tree is adapted.</summary>
    public TreeTransferMethod Method { get; }

    public override string Name { get; }

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description { get; }

    public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window)
    {
        var source = instance.Source[window.OriginIndex];
        var target = instance.TargetRows(window.FirstVisible, window.Origin);
        IRegressor model = source;
        if (target.Count > 0)
        {
            var (tx, ty) = target.ToMatrix();
            model = TreeTransfer.AdaptForest(source.Trees, Method, tx, ty);
        }

        return instance.PredictTargets(model, window);
    }
}
