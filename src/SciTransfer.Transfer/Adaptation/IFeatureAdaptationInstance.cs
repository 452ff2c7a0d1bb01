using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// What feature-level domain adaptation (<see cref="DeepCoralStrategy"/>, <see cref="MmdStrategy"/>,
/// <see cref="DannStrategy"/>) needs from a repeat whose model is a Core engine network: a trainable copy of the
/// source network, one differentiable forward per training step giving the supervised loss (labelled source plus the
/// cell's labelled target subset) and the hidden features of source inputs and of unlabelled target-pool inputs,
/// the number of steps and learning rate, and the test metrics.
/// </summary>
public interface IFeatureAdaptationInstance
{
    /// <summary>A fresh, trainable deep copy of the repeat's source network.</summary>
    IModule CloneSource();

    /// <summary>Adam steps of one adaptation run.</summary>
    int AdaptationSteps { get; }

    /// <summary>Adam learning rate of one adaptation run.</summary>
    double AdaptationLearningRate { get; }

    /// <summary>
    /// Records on <paramref name="tape"/> the supervised loss of <paramref name="model"/> (source labels, plus the pool
    /// rows <paramref name="targetIndices"/> with their labels when non-empty) and the hidden features [N, h] of
    /// source inputs and of target-pool inputs (labels unused), all differentiable wrt the model's parameters.
    /// </summary>
    FeatureForward Forward(IModule model, Tape tape, ReadOnlySpan<int> targetIndices);

    /// <summary>
    /// The forward of training step <paramref name="step"/> (0-based), for a problem whose source is too large for a
    /// full batch and draws a minibatch per step (deterministically from the step, so cells agree on any thread).
    /// Default: the full-batch <see cref="Forward(IModule, Tape, ReadOnlySpan{int})"/>.
    /// </summary>
    FeatureForward Forward(IModule model, Tape tape, ReadOnlySpan<int> targetIndices, int step) => Forward(model, tape, targetIndices);

    /// <summary>The problem's metrics of <paramref name="model"/> on the target test set.</summary>
    CellResult Score(IModule model);
}

/// <summary>One training step's forward pass for feature-level adaptation.</summary>
/// <param name="SupervisedLoss">Labelled loss, shape [1].</param>
/// <param name="SourceFeatures">Hidden features of source inputs [n_s, h].</param>
/// <param name="TargetFeatures">Hidden features of unlabelled target inputs [n_t, h].</param>
public sealed record FeatureForward(Var SupervisedLoss, Var SourceFeatures, Var TargetFeatures);
