using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// The training loop shared by the feature-level strategies: full-batch Adam on supervised loss + an alignment loss of
/// the hidden features, for <see cref="IFeatureAdaptationInstance.AdaptationSteps"/> steps from the source network.
/// </summary>
public static class FeatureAlignment
{
    /// <summary>
    /// Trains <paramref name="model"/> in place. <paramref name="alignment"/>(tape, forward, progress p in [0, 1))
    /// returns the loss added to the supervised one; <paramref name="extra"/> are parameters outside the model the
    /// optimiser also trains (a domain classifier).
    /// </summary>
    public static void Train(IFeatureAdaptationInstance instance, IModule model, ReadOnlySpan<int> targetIndices, Func<Tape, FeatureForward, double, Var> alignment, IReadOnlyList<Parameter> extra, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(alignment);
        ArgumentNullException.ThrowIfNull(extra);
        var all = model.Parameters.Concat(extra).ToList();
        var adam = new Adam(all, instance.AdaptationLearningRate);
        var tape = new Tape();
        int steps = instance.AdaptationSteps;
        for (int step = 0; step < steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            tape.Reset();
            adam.ZeroGrad();
            var f = instance.Forward(model, tape, targetIndices, step);
            tape.Backward(Ops.Add(f.SupervisedLoss, alignment(tape, f, (double)step / steps)));
            adam.Step();
        }
    }
}
