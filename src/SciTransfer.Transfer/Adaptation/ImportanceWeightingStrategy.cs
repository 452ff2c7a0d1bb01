using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// importance-weighting: re-train the problem's model on the source with each sample weighted by the estimated
/// density ratio p_t(x) / p_s(x) (<see cref="ImportanceWeights"/>: logistic source-vs-target classifier on the target
/// pool's unlabelled inputs, w = p(t|x)/p(s|x) n_s/n_t, clipped), plus the labelled target subset when n &gt; 0.
/// Corrects covariate shift (p(x) moves, p(y|x) fixed) for a misspecified model (Shimodaira 2000).
/// </summary>
public sealed class ImportanceWeightingStrategy : Strategy<IInputAdaptationInstance>
{
    /// <summary>The weight estimator (clip level, classifier options).</summary>
    public ImportanceWeights Weights { get; init; } = new();

    /// <inheritdoc />
    public override string Name => AdaptationNames.ImportanceWeighting;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.UnlabelledTarget | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => "source samples weighted by a classifier's density ratio p_t(x)/p_s(x) (clipped), model re-trained on them (+ the labelled subset)";

    /// <inheritdoc />
    public override CellResult Run(IInputAdaptationInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var w = Weights.Estimate(instance.SourceInputs, instance.TargetInputs);
        return instance.TrainOnSource(instance.SourceInputs, w, cell);
    }
}
