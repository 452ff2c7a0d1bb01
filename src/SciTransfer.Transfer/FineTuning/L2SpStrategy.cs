using SciTransfer.Core.Nn;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.FineTuning;

/// <summary>
/// l2-sp (Li, Grandvalet &amp; Davoine 2018, "Explicit inductive bias for transfer learning with convolutional
/// networks"): fine-tune every parameter with the penalty alpha/2 ||w - w_s||^2 toward the source weights w_s added to
/// the problem's fine-tune loss (its gradient alpha (w - w_s) is added each step). alpha is chosen from
/// <see cref="Grid"/> by <see cref="StrengthSelection"/> on the subset, <see cref="DefaultAlpha"/> below its minimum n.
/// With <see cref="HeadBeta"/> set, the head (last linear layer) is instead penalised by beta/2 ||w_head||^2, the
/// paper's form for a head that is not shared with the source task.
/// </summary>
public sealed class L2SpStrategy : Strategy<IEngineNetworkInstance>
{
    /// <summary>Candidate strengths.</summary>
    public IReadOnlyList<double> Grid { get; init; } = [1e-4, 1e-3, 1e-2, 1e-1, 1];

    /// <summary>Strength used below <see cref="StrengthSelection.MinimumN"/>.</summary>
    public double DefaultAlpha { get; init; } = 1e-2;

    /// <summary>
    /// beta of beta/2 ||w_head||^2 on the head's weight and bias, which are then not anchored to the source; null
    /// (the default) anchors the head too, since the problems here reuse the source head for the same output.
    /// </summary>
    public double? HeadBeta { get; init; }

    /// <inheritdoc />
    public override string Name => FineTuningNames.L2Sp;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => "fine-tune with alpha/2 ||w - w_source||^2 added, alpha chosen on a held-out quarter of the subset";

    /// <summary>The hooks that add alpha (w - w_s) to the gradient of every unfrozen parameter of <paramref name="model"/>; w_s is its value now.</summary>
    public static TrainingHooks Penalty(IModule model, double alpha) => Penalty(model, alpha, [], 0);

    /// <summary>
    /// The hooks that add the gradient of alpha/2 ||w - w_s||^2 (w_s: the values now) over the unfrozen parameters of
    /// <paramref name="model"/> not in <paramref name="head"/>, plus beta/2 ||w||^2 over those in it, to their gradients.
    /// </summary>
    public static TrainingHooks Penalty(IModule model, double alpha, IReadOnlyCollection<Parameter> head, double beta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(head);
        var parameters = model.Parameters;
        var anchor = parameters.Select(p => p.Value.Span.ToArray()).ToArray();
        return new TrainingHooks
        {
            AfterGradients = () =>
            {
                for (int k = 0; k < parameters.Count; k++)
                {
                    if (parameters[k].Frozen)
                    {
                        continue;
                    }

                    var w = parameters[k].Value.Span;
                    var g = parameters[k].Grad.Span;
                    if (head.Contains(parameters[k]))
                    {
                        for (int i = 0; i < w.Length; i++)
                        {
                            g[i] += beta * w[i];
                        }

                        continue;
                    }

                    for (int i = 0; i < w.Length; i++)
                    {
                        g[i] += alpha * (w[i] - anchor[k][i]);
                    }
                }
            },
        };
    }

    /// <inheritdoc />
    public override CellResult Run(IEngineNetworkInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        int[] subset = cell.TargetIndices.ToArray();
        IModule Fit(double alpha, int[] rows)
        {
            var model = instance.CloneSource();
            instance.Train(model, rows, Penalty(model, alpha, HeadOf(instance, model), HeadBeta ?? 0), cell.Seeds.Child("train").CreateRng(), cell.CancellationToken);
            return model;
        }

        double alpha = StrengthSelection.Choose(subset, Grid, DefaultAlpha, (a, train, held) => instance.Loss(Fit(a, train), held));
        return instance.Score(Fit(alpha, subset));
    }

    /// <summary>The head's parameters when <see cref="HeadBeta"/> is set, else none.</summary>
    private Parameter[] HeadOf(IEngineNetworkInstance instance, IModule model)
    {
        if (HeadBeta is null)
        {
            return [];
        }

        var head = instance.LinearLayers(model)[^1];
        return head.Bias is null ? [head.Weight] : [head.Weight, head.Bias];
    }
}
