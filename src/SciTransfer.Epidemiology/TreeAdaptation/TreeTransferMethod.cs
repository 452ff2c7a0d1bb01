namespace SciTransfer.Epidemiology.TreeAdaptation;

/// <summary>How <see cref="TreeTransfer.AdaptForest"/> adapts each source tree to the target rows.</summary>
public enum TreeTransferMethod
{
    /// <summary>Target means in the source tree's leaves.</summary>
    Relabel,

    /// <summary>Structure expansion on the target rows, then reduction by target error.</summary>
    Ser,

    /// <summary>Thresholds re-learned on the target rows by Gaussian divergence gain, then relabelled leaves.</summary>
    Strut,

    /// <summary>The union of the SER and STRUT trees (2B trees averaged).</summary>
    Mix,
}
