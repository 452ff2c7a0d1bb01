using SciTransfer.Core.Nn;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// deep-coral (Sun &amp; Saenko 2016, "Deep CORAL: correlation alignment for deep domain adaptation"): from the source
/// network, minimise supervised loss + <see cref="Lambda"/> ||C_s - C_t||_F^2 / (4 h^2), C the covariances of the last
/// hidden layer's features on source and unlabelled target inputs (<see cref="DomainLosses.Coral"/>).
/// </summary>
public sealed class DeepCoralStrategy : Strategy<IFeatureAdaptationInstance>
{
    /// <summary>Weight of the CORAL loss.</summary>
    public double Lambda { get; init; } = 1.0;

    /// <inheritdoc />
    public override string Name => AdaptationNames.DeepCoral;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.UnlabelledTarget | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => "source network trained on labelled source (+ subset) + lambda x CORAL loss between source and target hidden features";

    /// <inheritdoc />
    public override CellResult Run(IFeatureAdaptationInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var model = instance.CloneSource();
        FeatureAlignment.Train(instance, model, cell.TargetIndices.Span, (_, f, _) => Core.Autodiff.Ops.Scale(DomainLosses.Coral(f.SourceFeatures, f.TargetFeatures), Lambda), [], cell.CancellationToken);
        return instance.Score(model);
    }
}
