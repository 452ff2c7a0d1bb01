using SciTransfer.Core.Nn;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// mmd (Long et al. 2015, DAN; Gretton et al. 2012): from the source network, minimise supervised loss +
/// <see cref="Lambda"/> MMD^2 between the last hidden layer's features on source and unlabelled target inputs, with
/// a multi-kernel Gaussian estimator whose bandwidths are 1/4..4 times the median heuristic (<see cref="DomainLosses.Mmd(Core.Autodiff.Var, Core.Autodiff.Var)"/>).
/// </summary>
public sealed class MmdStrategy : Strategy<IFeatureAdaptationInstance>
{
    /// <summary>Weight of the MMD loss.</summary>
    public double Lambda { get; init; } = 1.0;

    /// <inheritdoc />
    public override string Name => AdaptationNames.Mmd;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.UnlabelledTarget | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => "source network trained on labelled source (+ subset) + lambda x multi-kernel MMD^2 between source and target hidden features";

    /// <inheritdoc />
    public override CellResult Run(IFeatureAdaptationInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var model = instance.CloneSource();
        FeatureAlignment.Train(instance, model, cell.TargetIndices.Span, (_, f, _) => Core.Autodiff.Ops.Scale(DomainLosses.Mmd(f.SourceFeatures, f.TargetFeatures), Lambda), [], cell.CancellationToken);
        return instance.Score(model);
    }
}
