using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Tensors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// dann (Ganin &amp; Lempitsky 2015; Ganin et al. 2016, "Domain-adversarial training of neural networks"): a domain
/// classifier (an MLP [h, <see cref="ClassifierWidth"/>, 1], tanh) reads the last hidden layer's features through a
/// gradient-reversal op (<see cref="Ops.GradientReversal"/>) and is trained with binary cross-entropy to tell source
/// (0) from target (1); the reversal makes the same backward pass train the features to confuse it. Loss: supervised
/// + BCE, with the reversal strength following the paper's schedule lambda_p = 2 / (1 + exp(-10 p)) - 1, p the
/// training progress in [0, 1).
/// </summary>
public sealed class DannStrategy : Strategy<IFeatureAdaptationInstance>
{
    /// <summary>Hidden width of the domain classifier.</summary>
    public int ClassifierWidth { get; init; } = 16;

    /// <summary>Final reversal strength (the schedule's factor).</summary>
    public double Lambda { get; init; } = 1.0;

    /// <inheritdoc />
    public override string Name => AdaptationNames.Dann;

    /// <inheritdoc />
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.UnlabelledTarget | StrategyNeeds.TargetLabels;

    /// <inheritdoc />
    public override string Description => "domain-adversarial: a source-vs-target classifier on the hidden features behind a gradient-reversal op, lambda_p = 2/(1+exp(-10p)) - 1";

    /// <summary>The paper's schedule 2 / (1 + exp(-10 p)) - 1 (0 at p = 0, about 1 at p = 1).</summary>
    public static double Schedule(double progress) => (2.0 / (1.0 + Math.Exp(-10.0 * progress))) - 1.0;

    /// <inheritdoc />
    public override CellResult Run(IFeatureAdaptationInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cell);
        var model = instance.CloneSource();
        var rng = cell.Seeds.Child("domain-classifier").CreateRng();

        // The classifier's input width is the feature width, which a probe forward on a scratch tape tells.
        var probe = instance.Forward(model, new Tape(), cell.TargetIndices.Span);
        int h = probe.SourceFeatures.Value.Shape[1];
        int ns = probe.SourceFeatures.Value.Shape[0], nt = probe.TargetFeatures.Value.Shape[0];
        var classifier = new Mlp("domain", [h, ClassifierWidth, 1], Activation.Tanh, rng);
        var labels = new Tensor(ns + nt, 1);
        for (int i = ns; i < ns + nt; i++)
        {
            labels[i] = 1;
        }

        FeatureAlignment.Train(
            instance,
            model,
            cell.TargetIndices.Span,
            (_, f, p) =>
            {
                var both = Ops.Concat(0, f.SourceFeatures, f.TargetFeatures);
                var logits = classifier.Forward(both.Tape, Ops.GradientReversal(both, Lambda * Schedule(p)));
                return Ops.BinaryCrossEntropyWithLogits(logits, labels);
            },
            classifier.Parameters,
            cell.CancellationToken);
        return instance.Score(model);
    }
}
