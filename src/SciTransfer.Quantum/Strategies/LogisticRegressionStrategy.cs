using SciTransfer.Quantum.Models;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>
/// logistic-regression: the simple, strong classical baseline. L2-regularised logistic regression (lambda = 1, Newton,
/// deterministic: no seed is used) on the target subset's encoded features, scored on the target test set. No source,
/// no quantum circuit: a transfer strategy that cannot beat it is not worth its cost.
/// </summary>
internal sealed class LogisticRegressionStrategy : Strategy<IEncodedFeaturesInstance>
{
    /// <summary>Registered name.</summary>
    public const string StrategyName = "logistic-regression";

    public override string Name => StrategyName;

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override bool IsBaseline => true;

    public override string Description => "L2 logistic regression (lambda = 1, Newton; one-vs-rest for k > 2 classes) on the target subset's encoded features; no source, no circuit";

    public override CellResult Run(IEncodedFeaturesInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var subset = instance.Pool.Subset(cell.TargetIndices.Span);
        if (subset.Classes > 2)
        {
            // k classes: one-vs-rest, the same L2 fit per class.
            var ovr = OneVsRestLogistic.Fit(subset);
            var scores = new Dictionary<string, double> { ["accuracy"] = ovr.Accuracy(instance.Test) };
            foreach (var (name, value) in instance.LabelFreeMetrics(ovr.Classify))
            {
                scores[name] = value;
            }

            return new(scores);
        }

        var model = LogisticRegression.Fit(subset);
        var metrics = new Dictionary<string, double> { ["accuracy"] = model.Accuracy(instance.Test) };
        foreach (var (name, value) in instance.LabelFreeMetrics(model.Classify))
        {
            metrics[name] = value;
        }

        return new(metrics);
    }
}
