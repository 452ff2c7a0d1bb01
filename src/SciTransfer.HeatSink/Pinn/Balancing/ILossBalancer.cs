namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Chooses the weights w_k of the loss terms L_k of a PINN (total loss sum_k w_k L_k). The trainer calls
/// <see cref="Update"/> once per step with the current term losses (and, when <see cref="NeedsTermGradients"/>,
/// each term's parameter gradient), then uses <see cref="Weights"/> for that step's update.
/// </summary>
public interface ILossBalancer
{
    /// <summary>Scheme name as used in configs, e.g. "relobralo".</summary>
    string Name { get; }

    /// <summary>Current term weights (length = number of terms).</summary>
    IReadOnlyList<double> Weights { get; }

    /// <summary>
    /// True when the scheme's state belongs to the collocation points (pointwise weights), so the trainer must not
    /// resample them while it is active.
    /// </summary>
    bool KeepsPoints => false;

    /// <summary>True when <see cref="Update"/> needs per-term parameter gradients at this step.</summary>
    bool NeedsTermGradients(int step);

    /// <summary>Updates the weights from this step's term losses (and gradients when requested, else null).</summary>
    void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients);

    /// <summary>
    /// After the parameter update: schemes with pointwise weights move them here from the residuals
    /// (residuals[k] belongs to sets[k]). Others do nothing.
    /// </summary>
    void UpdatePointWeights(IReadOnlyList<ResidualSet> sets, IReadOnlyList<double[]> residuals)
    {
    }
}
